"""Configuration: the example documents every key and loads; files merge key by key; errors name the place."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from importlib import resources

import pytest

from pos_engage.core import config
from pos_engage.core.errors import ConfigError


def example() -> dict:
    text = resources.files("pos_engage.resources").joinpath("config.example.jsonc").read_text(encoding="utf-8")
    without_comments = re.sub(r"(?m)\s*//.*$", "", text)
    return json.loads(without_comments)


def keys(tree: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in tree.items():
        found.add(prefix + key)
        if isinstance(value, dict):
            found |= keys(value, f"{prefix}{key}.")
    return found


def test_the_example_documents_every_key_with_its_default():
    documented = example()
    assert keys(documented) == keys(asdict(config.Config()))
    assert config.validate(documented, "example") == config.Config()


def test_the_users_file_overrides_it_machine_wide_file_key_by_key(tmp_path):
    machine, user = tmp_path / "machine.json", tmp_path / "user.json"
    machine.write_text(json.dumps({"store_external_id": "12", "engage": {"base_url": "https://a.voyado.com"}}))
    user.write_text(json.dumps({"till_id": "3", "engage": {"timeout_interactive": 2}}))
    loaded = config.load([machine, user], env={"POS_ENGAGE_DATA_DIR": "/data"})
    assert (loaded.store_external_id, loaded.till_id, loaded.data_dir) == ("12", "3", "/data")
    assert (loaded.engage.base_url, loaded.engage.timeout_interactive) == ("https://a.voyado.com", 2.0)


def test_a_newer_config_version_is_refused(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"version": 99}))
    with pytest.raises(ConfigError, match="newer"):
        config.read_file(path)


def test_atomic_write_keeps_the_previous_file_and_survives_a_crash_before_the_rename(tmp_path, monkeypatch):
    path = tmp_path / "c.json"
    config.write_atomically(path, {"till_id": "1"})
    config.write_atomically(path, {"till_id": "2"})
    assert json.loads(path.with_suffix(".json.bak").read_text()) == {"till_id": "1"}

    def crash(*args, **kwargs):
        raise OSError("power cut")

    monkeypatch.setattr(config.os, "replace", crash)  # the crash itself: nothing else here can stop os.replace
    with pytest.raises(OSError, match="power cut"):
        config.write_atomically(path, {"till_id": "3"})
    assert json.loads(path.read_text()) == {"till_id": "2"}  # the file in use is still whole


def test_an_old_config_version_is_upgraded_when_read(tmp_path, monkeypatch):
    # Version 2 of the format (simulated here) renamed a key; a version-1 file must still load.
    def one_to_two(values):
        values = dict(values)
        values["till_id"] = values.pop("till", "1")
        return values

    monkeypatch.setattr(config, "CURRENT_VERSION", 2)
    monkeypatch.setitem(config.UPGRADES, 1, one_to_two)
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"version": 1, "till": "7"}))
    upgraded = config.read_file(path)
    assert upgraded == {"version": 2, "till_id": "7"}


def test_a_malformed_file_names_the_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "till_id": "7",\n  "store_external_id": 12,\n  oops\n}\n')
    with pytest.raises(ConfigError, match="line 4"):
        config.read_file(path)


def test_one_order_status_can_be_changed_and_the_others_keep_their_defaults():
    loaded = config.validate({"orders": {"statuses": {"shipped": {"action": "Skickad"}}}}, "test")
    assert loaded.orders.statuses.shipped.action == "Skickad"
    assert loaded.orders.statuses.shipped.status == "InProgress"  # not blanked by the partial override
    assert loaded.orders.statuses.created == config.OrderStatuses().created


@pytest.mark.parametrize(("orders", "message"), [
    ({"api": "v4"}, "'api' must be v3 or v2"),
    ({"action_mode": "both"}, "'action_mode'"),
    ({"statuses": {"delivered": {"marketing_status": "DONE"}}}, r"statuses\.delivered: 'marketing_status'"),
    ({"statuses": {"created": {"status": ""}}}, r"statuses\.created: 'status' is required"),
    ({"second_backend": {"batch_size": 5000}}, "1 to 1000"),
    ({"job_poll_schedule": []}, "above 0"),
])
def test_bad_order_settings_name_the_setting(orders, message):
    with pytest.raises(ConfigError, match=message):
        config.validate({"orders": orders}, "test")


@pytest.mark.parametrize("rates", [[], [25, 100], [-6], ["25"]])
def test_vat_rates_must_be_percentages(rates):
    with pytest.raises(ConfigError, match="vat_rates"):
        config.validate({"till": {"vat_rates": rates}}, "test")
    assert config.validate({"till": {"vat_rates": [25, 15, 12, 0]}}, "test").till.vat_rates == (25.0, 15.0, 12.0, 0.0)
