"""Every configuration key refuses a bad value, naming its key path: the keys are found by walking the dataclasses,
so a key added without a rule (or without a bad value here) fails this test. The allowed words come from
Voyado's swagger and the system's ISO 4217 list where those are on this machine, not from our own tables."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from pos_engage.core import config, config_checks, config_files

# One value each key must refuse, by (settings class, key). Every StageMapping of the eight order steps and every
# MatchKeyTypes kind is tried with its class's value.
BAD: dict[tuple[str, str], object] = {
    ("Config", "version"): 0,
    ("Config", "store_external_id"): "12/3",          # would make a folder of an export file name
    ("Config", "till_id"): "till 1",
    ("Config", "currency"): "SKR",
    ("Config", "country"): "Sweden",
    ("Config", "default_country_code"): "46",
    ("Config", "group_currency"): "EURO",
    ("Config", "exchange_rate_to_group_currency"): 0,
    ("Config", "data_dir"): "/data\x00",
    ("EngageSettings", "base_url"): "http://tenant.voyado.com",  # the API key in clear text
    ("EngageSettings", "mode"): "simulator",   # demo is spelled out; nothing else turns the simulator on
    ("EngageSettings", "timeout_interactive"): 0,
    ("EngageSettings", "timeout_background"): -20,
    ("MatchKeyTypes", "*"): "Card",
    ("JournalSettings", "rate_limit"): -1,
    ("JournalSettings", "tills_on_key"): 0,
    ("JournalSettings", "retention_days"): 0.5,
    ("JournalSettings", "retry_schedule"): [],
    ("JournalSettings", "concurrency"): 65,
    ("JournalSettings", "bulk_threshold"): -1,
    ("FileServerSettings", "protocol"): "ftp",
    ("FileServerSettings", "host"): "sftp://ftp.voyado.com",
    ("FileServerSettings", "port"): 70000,
    ("FileServerSettings", "user"): "it\nadmin",
    ("FileServerSettings", "host_key"): "AAAAC3NzaC1lZDI1NTE5AAAA",
    ("FileServerSettings", "contacts_folder"): "../contactImport",
    ("FileServerSettings", "transactions_folder"): "",
    ("FileServerSettings", "orders_folder"): "integration/../../etc",
    ("TillSettings", "card_patterns"): [r"\d{13}", "(["],
    ("TillSettings", "cards"): [{"prefix": "735", "length": 13, "check": "mod10"}],
    ("TillSettings", "vat_rates"): [25, 100],
    ("TillSettings", "offline_redemption"): "denny",
    ("TillSettings", "offline_max"): -1,
    ("TillSettings", "offline_percent_max"): 101,
    ("TillSettings", "offline_voucher_max"): float("inf"),
    ("TillSettings", "offline_never"): ["VOUCHER"],
    ("TillSettings", "percent_promotions_per_line"): -1,
    ("TillSettings", "redeem_deadline"): 2,
    ("TillSettings", "anonymous_contact"): "anonymous\t",
    ("TillSettings", "inbox_dir"): "C:\\inbox\r\n",
    ("TillSettings", "metrics_textfile"): "/var/lib/node_exporter/pos_engage.txt",
    ("TillSettings", "language"): "de",
    ("TillSettings", "sign_in"): "optional",
    ("TillSettings", "returns_reinstate_promotions"): "yes",   # JSON true or false, not a word
    ("TillSettings", "cash_rounding"): "0,005",   # an amount of whole öre (cents) at most
    ("TillSettings", "payment_methods"): ["Card", " Cash"],   # a space a JSON file does not show
    ("StageMapping", "status"): "",
    ("StageMapping", "external_status"): "Picked\n",
    ("StageMapping", "payment_status"): "\x07",
    ("StageMapping", "action"): " OrderShipped",
    ("StageMapping", "marketing_status"): "DONE",
    ("MarketingSettings", "base_url"): "ftp://marketing.example",
    ("MarketingSettings", "batch_size"): 1001,
    ("MarketingSettings", "product_url"): "shop.example/p/{sku}",
    ("MarketingSettings", "image_url"): "javascript:alert(1)",
    ("OrderSettings", "api"): "v4",
    ("OrderSettings", "action_mode"): "both",
    ("OrderSettings", "language"): "swedish",
    ("OrderSettings", "job_poll_schedule"): [1, 0],
    ("OrderSettings", "job_timeout"): 0,
    ("PosLinkSettings", "enabled"): "sometimes",
    ("PosLinkSettings", "host"): "0.0.0.0",  # noqa: S104 - every network the till is on: must be refused
    ("PosLinkSettings", "port"): 80,
}
# A value of the wrong JSON type for each Python type a key holds.
WRONG_TYPE = {str: 5, int: 1.5, float: "4", bool: 1, tuple: "one text, not a list"}


def leaves(cls: type = config.Config, prefix: str = "") -> list[tuple[str, str, str, object]]:
    """(key path, class name, key, default) of every key that holds a value, through every nested object."""
    found = []
    defaults = cls()
    for item in fields(cls):
        default = getattr(defaults, item.name)
        if is_dataclass(default):
            found += leaves(type(default), f"{prefix}{item.name}.")
        else:
            found.append((prefix + item.name, cls.__name__, item.name, default))
    return found


KEYS = leaves()


def nested(path: str, value: object) -> dict:
    tree: object = value
    for key in reversed(path.split(".")):
        tree = {key: tree}
    return tree


def refused(tmp_path: Path, path: str, value: object) -> config_files.InvalidConfiguration:
    target = tmp_path / "config.json"
    target.write_text(json.dumps(nested(path, value)), encoding="utf-8")
    with pytest.raises(config_files.InvalidConfiguration) as caught:
        config_files.load([target], env={})
    return caught.value


def bad_value(cls_name: str, key: str) -> object:
    if (cls_name, key) in BAD:
        return BAD[cls_name, key]
    if (cls_name, "*") in BAD:
        return BAD[cls_name, "*"]
    raise AssertionError(f"no bad value for {cls_name}.{key}: give the new key a rule in config.RULES and a value "
                         f"it refuses here")


def test_the_walk_finds_every_key_and_every_key_has_a_rule():
    assert len(KEYS) > 90  # 8 order steps x 5, 7 match key kinds, and the rest
    assert config.keys_without_rules() == []
    known = {(cls_name, key) for _, cls_name, key, _ in KEYS} | {(cls_name, "*") for _, cls_name, _, _ in KEYS}
    assert set(BAD) <= known, "a bad value for a key that is gone"


@pytest.mark.parametrize(("path", "cls_name", "key", "default"), KEYS, ids=[k[0] for k in KEYS])
def test_a_bad_value_is_refused_with_its_key_path_and_what_is_allowed(tmp_path, path, cls_name, key, default):
    value = bad_value(cls_name, key)
    problems = refused(tmp_path, path, value).problems
    assert len(problems) == 1, problems  # told once, and nothing else is blamed
    line = problems[0]
    assert re.match(rf"configuration\.{re.escape(path)}(\[\d+\])?: must ", line), line
    assert line.endswith(f"(in {tmp_path / 'config.json'})"), line


@pytest.mark.parametrize(("path", "cls_name", "key", "default"), KEYS, ids=[k[0] for k in KEYS])
def test_a_value_of_the_wrong_type_is_refused_with_its_key_path(tmp_path, path, cls_name, key, default):
    value = WRONG_TYPE[type(default)]
    problems = refused(tmp_path, path, value).problems
    assert len(problems) == 1 and problems[0].startswith(f"configuration.{path}: must be "), problems
    assert f"— not {json.dumps(value)}" in problems[0].replace("'", '"')


@pytest.mark.parametrize("flag", [True, False])
def test_true_and_false_are_no_numbers(tmp_path, flag):
    for path in ("journal.concurrency", "journal.rate_limit", "file_server.port"):
        assert refused(tmp_path, path, flag).problems[0].startswith(f"configuration.{path}: must be a")
    assert refused(tmp_path, "journal.retry_schedule", [10, flag]).problems[0].startswith(
        "configuration.journal.retry_schedule: must be a list of numbers")


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_numbers_python_reads_but_no_setting_can_hold_are_refused(tmp_path, text):
    target = tmp_path / "config.json"
    target.write_text(f'{{"engage": {{"timeout_interactive": {text}}}, "journal": {{"retry_schedule": [{text}]}}}}')
    with pytest.raises(config_files.InvalidConfiguration) as caught:
        config_files.load([target], env={})
    assert [line.split(":")[0] for line in caught.value.problems] == [
        "configuration.engage.timeout_interactive", "configuration.journal.retry_schedule[0]"]


def test_an_unknown_key_is_named_with_the_key_it_was_probably_meant_to_be(tmp_path):
    problems = refused(tmp_path, "till.offline_redemptoin", "deny").problems
    assert problems == (f"configuration.till.offline_redemptoin: is not a setting: did you mean offline_redemption? "
                        f"(in {tmp_path / 'config.json'})",)


def test_an_object_given_as_a_value_is_refused(tmp_path):
    assert refused(tmp_path, "orders.statuses", "Shipped").problems[0].startswith(
        "configuration.orders.statuses: must be an object")


def test_the_limits_themselves_are_allowed(tmp_path):
    edges = {"journal": {"rate_limit": 0, "retention_days": 1, "concurrency": 64, "retry_schedule": [0.01]},
             "file_server": {"port": 65535, "host": "[2001:db8::1]",
                             "host_key": "ssh-ed25519 " + "A" * 68 + " it@shop"},
             "till": {"vat_rates": [0, 99], "offline_percent_max": 100, "redeem_deadline": 1.5,
                      "percent_promotions_per_line": 0, "card_patterns": [], "offline_never": [],
                      "metrics_textfile": "/var/lib/node_exporter/pos_engage.prom"},
             "orders": {"second_backend": {"batch_size": 1, "base_url": "http://127.0.0.1:8080",
                                           "product_url": "https://shop.example/p/{sku}"}, "language": "en"},
             "engage": {"base_url": "http://localhost:5000"}, "store_external_id": "Store_12-A", "till_id": "x" * 64,
             "default_country_code": "+358", "currency": "NOK", "country": "NO"}
    target = tmp_path / "config.json"
    target.write_text(json.dumps(edges))
    loaded = config_files.load([target], env={})
    assert (loaded.journal.rate_limit, loaded.till.redeem_deadline, loaded.file_server.port) == (0.0, 1.5, 65535)


def test_a_store_id_one_character_too_long_is_refused(tmp_path):
    assert refused(tmp_path, "till_id", "x" * 65).problems[0].startswith("configuration.till_id: must be")


# ---------------------------------------------------------------------- against the oracles we did not write

SWAGGER = Path(config.__file__).resolve().parents[3] / "shared" / "voyado-swagger.json"  # the repository's sibling


def swagger_enum(model: str, field: str) -> list[str]:
    if not SWAGGER.exists():
        pytest.skip(f"Voyado's swagger is not at {SWAGGER} on this machine")
    return json.loads(SWAGGER.read_text(encoding="utf-8"))["models"][model]["fields"][field]["enum"]


def test_match_key_types_are_voyados_enum_in_any_case_and_kept_as_written(tmp_path):
    allowed = swagger_enum("ReceiptContact", "matchKeyType")
    assert swagger_enum("OrderContact", "matchKeyType") == allowed
    assert set(config_checks.MATCH_KEY_TYPES) == set(allowed)
    assert set(vars(config.MatchKeyTypes()).values()) <= set(allowed)  # the defaults are Voyado's own words
    target = tmp_path / "config.json"
    for value in allowed + [value.lower() for value in allowed] + [value.upper() for value in allowed]:
        target.write_text(json.dumps({"engage": {"match_key_types": {"card": value}}}))
        assert config_files.load([target], env={}).engage.match_key_types.card == value
    assert "MemberNumberWithCardNumberAsFallback" in refused(tmp_path, "engage.match_key_types.card",
                                                             "CardNumber").problems[0]


def test_offline_never_takes_voyados_promotion_value_types(tmp_path):
    from pos_engage.core.domain.promotions import ValueType

    allowed = swagger_enum("ApiPromotionRedemptionChannelModel", "valueType")
    assert set(config_checks.PROMOTION_VALUE_TYPES) == set(allowed) == {member.value for member in ValueType}
    target = tmp_path / "config.json"
    target.write_text(json.dumps({"till": {"offline_never": allowed}}))
    assert config_files.load([target], env={}).till.offline_never == tuple(allowed)


ISO_4217 = Path("/usr/share/iso-codes/json/iso_4217.json")   # Debian's iso-codes
# Codes in the ISO list that no till sells in (config_checks says why), and codes newer than iso-codes 4.15.
NOT_FOR_SALE = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XDR", "XSU", "XUA", "XAG", "XAU",
                "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XTS", "XXX", "HRK"}
NEWER = {"XCG", "ZWG"}


def test_currencies_are_the_iso_4217_list_without_funds_metals_and_test_codes():
    if not ISO_4217.exists():
        pytest.skip("Debian's iso-codes is not installed here")
    listed = {entry["alpha_3"] for entry in json.loads(ISO_4217.read_text(encoding="utf-8"))["4217"]}
    assert listed - NOT_FOR_SALE - NEWER == config_checks.CURRENCIES - NEWER
    assert "SEK" in config_checks.CURRENCIES and "NOK" in config_checks.CURRENCIES


@pytest.mark.parametrize("pattern", ["", r"\d*", "(?:)", "a?", r"\d{0,6}", ".*"])
def test_a_card_pattern_that_takes_an_empty_input_for_a_card_is_refused(tmp_path, pattern):
    line = refused(tmp_path, "till.card_patterns", [pattern]).problems[0]
    assert line.startswith("configuration.till.card_patterns[0]: must be a regular expression that needs")


def test_a_broken_card_pattern_names_the_pattern_and_what_re_says(tmp_path):
    line = refused(tmp_path, "till.card_patterns", [r"\d{13}", "[0-9{6}"]).problems[0]
    assert line.startswith("configuration.till.card_patterns[1]: must be a regular expression — not '[0-9{6}' (")
    with pytest.raises(re.error) as python_says:
        re.compile("[0-9{6}")
    assert str(python_says.value) in line


# ---------------------------------------------------------------------- the till does not start on it

def test_a_command_on_a_bad_configuration_prints_each_key_path_and_exits_2_without_a_traceback(tmp_path):
    bad = tmp_path / "config.json"
    bad.write_text(json.dumps({"till": {"offline_redemption": "denny"}, "journal": {"rate_limit": -5}}))
    command = Path(sys.executable).parent / "pos-engage"
    result = subprocess.run([str(command), "journal", "figures"], capture_output=True, text=True, timeout=120,
                            env=os.environ | {"POS_ENGAGE_CONFIG": str(bad), "POS_ENGAGE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"pos-engage: configuration.till.offline_redemption: must be one of allow, deny, allow_up_to — not 'denny' "
        f"(in {bad})",
        f"pos-engage: configuration.journal.rate_limit: must be a number of requests per second, at least 0 "
        f"(0: no limit) — not -5 (in {bad})"]
    assert not (tmp_path / "journal.sqlite3").exists()  # nothing was opened on it


@pytest.mark.parametrize("options", [["--self-test"], []], ids=["self-test", "window"])
def test_the_window_does_not_start_on_a_bad_configuration(tmp_path, options):
    # Offscreen nobody could read (or close) the message box, so the printed lines are all there is, at once.
    bad = tmp_path / "config.json"
    bad.write_text('{"till": {"language": "de"}}')
    result = subprocess.run([sys.executable, "-m", "pos_engage", "--config", str(bad), *options],
                            capture_output=True, text=True, timeout=120,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen", "POS_ENGAGE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "self-test" not in result.stdout  # no window was shown
    assert result.stderr == (f"pos-engage: configuration.till.language: must be one of '', en, sv — not 'de' "
                             f"(in {bad})\n")
