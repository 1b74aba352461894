"""Configuration: the example documents every key and loads; files merge key by key; errors name the place."""

from __future__ import annotations

import json
from dataclasses import asdict
from importlib import resources

import pytest

from pos_engage.core import config, config_files
from pos_engage.core.errors import ConfigError

EXAMPLE = resources.files("pos_engage.resources").joinpath("config.example.jsonc")


def example() -> dict:
    return json.loads(config_files.strip_comments(EXAMPLE.read_text(encoding="utf-8")))


def keys(tree: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in tree.items():
        found.add(prefix + key)
        if isinstance(value, dict):
            found |= keys(value, f"{prefix}{key}.")
    return found


def test_the_example_documents_every_key_with_its_default_and_loads_through_the_tills_own_loader(tmp_path):
    documented = example()
    assert keys(documented) == keys(asdict(config.Config()))
    copied = tmp_path / "config.json"  # IT may copy the example as it is, comments and all
    copied.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert config_files.load([copied], env={}) == config.Config()


def test_comments_go_but_a_double_slash_inside_a_text_stays(tmp_path):
    path = tmp_path / "c.json"
    path.write_text("\n".join([
        "// IT's note",
        '{"engage": {"base_url": "https://a.voyado.com"}, // the tenant',
        ' "till": {"anonymous_contact": "x\\"//y", // an escaped quote does not end the text',
        '          "card_patterns": ["//\\\\d{4}"]}}']), encoding="utf-8")
    loaded = config_files.load([path], env={})
    assert loaded.engage.base_url == "https://a.voyado.com"
    assert loaded.till.anonymous_contact == 'x"//y'
    assert loaded.till.card_patterns == ("//\\d{4}",)


def test_a_json_mistake_after_a_comment_still_names_its_own_line(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{\n  // a comment\n  "till_id": "7",\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 4 column 3"):
        config_files.read_file(path)


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"till_id": "7"}', encoding="utf-8-sig")  # what Notepad's "UTF-8 with BOM" writes
    assert config_files.load([path], env={}).till_id == "7"


def test_the_users_file_overrides_it_machine_wide_file_key_by_key(tmp_path):
    machine, user = tmp_path / "machine.json", tmp_path / "user.json"
    machine.write_text(json.dumps({"store_external_id": "12", "engage": {"base_url": "https://a.voyado.com"}}))
    user.write_text(json.dumps({"till_id": "3", "engage": {"timeout_interactive": 2}}))
    loaded = config_files.load([machine, user], env={"POS_ENGAGE_DATA_DIR": "/data"})
    assert (loaded.store_external_id, loaded.till_id, loaded.data_dir) == ("12", "3", "/data")
    assert (loaded.engage.base_url, loaded.engage.timeout_interactive) == ("https://a.voyado.com", 2.0)


def test_a_newer_config_version_is_refused(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"version": 99}))
    with pytest.raises(ConfigError, match=r"^configuration\.version: .* not 99 \(a newer pos-engage wrote this file\)"):
        config_files.read_file(path)


def test_atomic_write_keeps_the_previous_file_and_survives_a_crash_before_the_rename(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    config_files.write_atomically(path, {"till_id": "1"})
    config_files.write_atomically(path, {"till_id": "2"})
    assert json.loads(path.with_suffix(".json.bak").read_text()) == {"till_id": "1"}

    def crash(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(config_files.os, "replace", crash)  # the crash itself: nothing else here can stop os.replace
    with pytest.raises(OSError, match="power cut"):
        config_files.write_atomically(path, {"till_id": "3"})
    assert json.loads(path.read_text()) == {"till_id": "2"}  # the file in use is still whole


def test_an_old_config_version_is_upgraded_when_read(tmp_path, monkeypatch):
    # Version 2 of the format (simulated here) renamed a key; a version-1 file must still load.
    def one_to_two(values):
        values = dict(values)
        values["till_id"] = values.pop("till", "1")
        return values

    monkeypatch.setattr(config_files, "CURRENT_VERSION", 2)  # what reading a file upgrades to
    monkeypatch.setitem(config_files.UPGRADES, 1, one_to_two)
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"version": 1, "till": "7"}))
    upgraded = config_files.read_file(path)
    assert upgraded == {"version": 2, "till_id": "7"}


def test_a_malformed_file_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "till_id": "7",\n  "store_external_id": 12,\n  oops\n}\n')
    with pytest.raises(ConfigError, match="line 4"):
        config_files.read_file(path)


def test_one_order_status_can_be_changed_and_the_others_keep_their_defaults():
    loaded = config_files.validate({"orders": {"statuses": {"shipped": {"action": "Skickad"}}}}, "test")
    assert loaded.orders.statuses.shipped.action == "Skickad"
    assert loaded.orders.statuses.shipped.status == "InProgress"  # not blanked by the partial override
    assert loaded.orders.statuses.created == config.OrderStatuses().created


@pytest.mark.parametrize(("orders", "message"), [
    ({"api": "v4"}, r"configuration\.orders\.api: must be one of v3, v2 — not 'v4'"),
    ({"action_mode": "both"}, r"configuration\.orders\.action_mode: must be one of separate, embedded"),
    ({"statuses": {"delivered": {"marketing_status": "DONE"}}},
     r"configuration\.orders\.statuses\.delivered\.marketing_status: must be one of INITIALIZED, IN_PROGRESS"),
    ({"statuses": {"created": {"status": ""}}},
     r"configuration\.orders\.statuses\.created\.status: must be .*not empty"),
    ({"second_backend": {"batch_size": 5000}}, r"second_backend\.batch_size: must be a whole number from 1 to 1000"),
    ({"job_poll_schedule": []}, r"configuration\.orders\.job_poll_schedule: must hold at least one wait"),
    ({"job_poll_schedule": [1, 0]}, r"configuration\.orders\.job_poll_schedule\[1\]: must be .* above 0"),
])
def test_bad_order_settings_name_the_setting(orders, message):
    with pytest.raises(ConfigError, match=message):
        config_files.validate({"orders": orders}, "test")


@pytest.mark.parametrize("rates", [[], [25, 100], [-6], ["25"], [True]])
def test_vat_rates_must_be_percentages(rates):
    with pytest.raises(ConfigError, match=r"configuration\.till\.vat_rates"):
        config_files.validate({"till": {"vat_rates": rates}}, "test")
    assert config_files.validate({"till": {"vat_rates": [25, 15, 12, 0]}}, "test").till.vat_rates == (
        25.0, 15.0, 12.0, 0.0)


def test_every_problem_is_told_at_once_each_on_its_own_line_with_the_file_it_is_in(tmp_path):
    machine, user = tmp_path / "machine.json", tmp_path / "user.json"
    machine.write_text(json.dumps({"till": {"offline_redemption": "denny"}, "journal": {"concurrency": 0}}))
    user.write_text(json.dumps({"currency": "sek", "journal": {"retry_schedule": []}, "tll": {}}))
    with pytest.raises(config_files.InvalidConfiguration) as refused:
        config_files.load([machine, user], env={"POS_ENGAGE_BASE_URL": "http://engage.example.com"})
    assert str(refused.value).splitlines() == list(refused.value.problems)
    assert sorted(refused.value.problems) == sorted([
        f"configuration.till.offline_redemption: must be one of allow, deny, allow_up_to — not 'denny' (in {machine})",
        f"configuration.journal.concurrency: must be a whole number from 1 to 64 — not 0 (in {machine})",
        "configuration.currency: must be an ISO 4217 currency code in capitals, such as SEK, NOK or EUR — not 'sek' "
        f"(in {user})",
        f"configuration.journal.retry_schedule: must hold at least one wait in seconds — not an empty list (in {user})",
        f"configuration.tll: is not a setting: did you mean till? (in {user})",
        "configuration.engage.base_url: must be empty (not configured) or an address like "
        "https://yourtenant.voyado.com — not 'http://engage.example.com': 'http://engage.example.com' is not "
        "secure: Engage must be reached over "
        "https:// (http:// is only allowed to this machine) (from the environment variable POS_ENGAGE_BASE_URL)",
    ])


def test_a_value_the_users_file_corrects_is_no_problem(tmp_path):
    machine, user = tmp_path / "machine.json", tmp_path / "user.json"
    machine.write_text(json.dumps({"till": {"language": "de"}}))
    user.write_text(json.dumps({"till": {"language": "sv"}}))
    assert config_files.load([machine, user], env={}).till.language == "sv"


def test_a_setting_that_does_not_fit_is_never_written(tmp_path):
    path = tmp_path / "user.json"
    config_files.save_changes(path, {"till": {"language": "sv"}})
    before = path.read_text()
    with pytest.raises(config_files.InvalidConfiguration, match=r"till\.card_patterns\[1\]: must be a regular"):
        config_files.save_changes(path, {"till": {"card_patterns": [r"\d{13}", "(["]}})
    assert path.read_text() == before
