"""``pos-engage configure``, ``doctor`` and ``metrics``: what IT runs to provision a till and to watch a fleet.

Secrets are read from standard input (one line each, in the order of the flags: API key, file-server
password, manager PIN) and go to the OS keyring only; the configuration file never holds one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
from pathlib import Path

from pos_engage import app, configuration
from pos_engage.core import config_files, credentials, metrics
from pos_engage.core.config import CURRENT_VERSION, Config
from pos_engage.core.errors import ConfigError, PosEngageError
from pos_engage.core.office import connection, health
from pos_engage.core.office.health import FAIL, OK, WARN, Check
from pos_engage.core.paths import machine_config_file, user_config_file
from pos_engage.core.pin import hash_pin


def run(args: argparse.Namespace, config_path: str | None) -> int:
    if args.command == "configure":
        return configure(args, config_path)
    if args.command == "uninstall-check":
        try:
            config = app.load_config(config_path)
        except ConfigError as problem:   # where the journal is depends on it: "nothing undelivered" is unknown
            print(f"cannot tell whether sales are undelivered: {problem}. Fix the configuration, or uninstall "
                  "with /FORCE")
            return UNDELIVERED_EXIT
        return uninstall_check(configuration.as_demo(config) if getattr(args, "demo", False) else config)
    config = app.load_config(config_path)
    if getattr(args, "demo", False):
        config = configuration.as_demo(config)
    if args.command == "doctor":
        return doctor(config, as_json=args.json, deep=args.deep, config_path=config_path)
    if args.command == "diagnostics":
        return diagnostics(config, Path(args.out))
    if args.command == "uninstall-check":
        return uninstall_check(config)
    return write_metrics(config, Path(args.textfile))


# ---------------------------------------------------------------------- configure

def configure(args: argparse.Namespace, config_path: str | None) -> int:
    if args.staff_add or args.staff_remove or args.staff_list:
        return configure_staff(args)
    if args.pos_link_token_new:
        from pos_engage import cli_link

        return cli_link.new_token()
    target = Path(config_path) if config_path else machine_config_file() if args.machine else user_config_file()
    values = config_files.read_file(target)
    if args.base_url is not None:
        values.setdefault("engage", {})["base_url"] = connection.check_base_url(args.base_url)
    if args.store is not None:
        values["store_external_id"] = args.store
    if args.till is not None:
        values["till_id"] = args.till
    values["version"] = CURRENT_VERSION
    config_files.validate(values, str(target))  # nothing invalid is ever written
    secrets_in = {credentials.ENGAGE_API_KEY: args.api_key_stdin,
                  credentials.FILE_SERVER_PASSWORD: args.sftp_password_stdin,
                  credentials.MARKETING_API_KEY: args.marketing_key_stdin,
                  credentials.MANAGER_PIN_HASH: args.manager_pin_stdin}
    wanted = [name for name, asked in secrets_in.items() if asked]
    read = {name: sys.stdin.readline().strip() for name in wanted}
    for name, value in read.items():   # every value checked before any is stored: all of them or none
        if not value:
            raise ConfigError(f"no value on standard input for {name}")
        credentials.check_plain_text(name, value, given="as given",
                                     again="paste it again as plain text; nothing was stored")
    # Secrets first: without a keyring nothing is written at all, rather than a configuration without its key.
    for name, value in read.items():
        credentials.set_secret(name, hash_pin(value) if name == credentials.MANAGER_PIN_HASH else value)
    config_files.write_atomically(target, values)
    stored = ", ".join(wanted) if wanted else "no secrets"
    print(f"configuration written to {target}; {stored} stored in the keyring")
    return 0


def configure_staff(args: argparse.Namespace) -> int:
    """IT's staff list (core/office/people.py): beside the machine-wide file, so only IT changes it; codes are
    read from standard input and kept only as hashes; the list never shows them."""
    from pos_engage.core.errors import InputError
    from pos_engage.core.office.people import StaffDirectory

    others = [flag for flag, given in (("--base-url", args.base_url), ("--store", args.store), ("--till", args.till),
                                       ("--api-key-stdin", args.api_key_stdin),
                                       ("--sftp-password-stdin", args.sftp_password_stdin),
                                       ("--marketing-key-stdin", args.marketing_key_stdin),
                                       ("--manager-pin-stdin", args.manager_pin_stdin)) if given]
    if others:
        raise InputError(f"give the staff options on their own, not with {', '.join(others)}")
    staff = StaffDirectory.read()
    if args.staff_list:
        if not staff.exists:
            print(f"no staff list at {staff.path}: the till's single manager PIN approves manager actions, and "
                  "nobody signs in")
        for person in staff.listing():
            print(f"{person['id']:<20} {person['role']:<8} {person['name']}")
        return 0
    if not args.machine:
        raise InputError(f"the staff list is IT's, beside the machine-wide configuration ({staff.path}): add "
                         "--machine and run it as root or administrator")
    if args.replace and not args.staff_add:
        raise InputError("--replace goes with --staff-add (a new name, role or code for a staff number on the list)")
    if args.staff_remove:
        gone = staff.remove(args.staff_remove)
        staff.save()
        print(f"{gone.name} ({gone.id}) is no longer on the staff list {staff.path}")
        return 0
    if not (args.name and args.role and args.code_stdin):
        raise InputError("--staff-add needs --name, --role (manager or cashier) and --code-stdin")
    code = sys.stdin.readline().strip()
    if not code:
        raise InputError("no code on standard input for --code-stdin")
    held = staff.members.get(args.staff_add)
    member = staff.add(args.staff_add, args.name, args.role, code, replace=args.replace)
    staff.save()
    replaced = f", replacing {held.name} ({held.role})" if held is not None else ""
    print(f"{member.name} ({member.id}), {member.role}, is on the staff list {staff.path}{replaced}")
    if not staff.managers:   # a list begun with a cashier: said, not refused (IT adds the manager next)
        print("warning: the staff list has no manager yet: until IT adds one, nobody at this till can approve a "
              "manager action (the till's PIN no longer does)")
    return 0


# ---------------------------------------------------------------------- doctor

async def _engage_check(config: Config, config_path: str | None = None) -> Check:
    if app.is_demo(config):
        return Check("engage", OK, "demo mode: the embedded simulator")
    if not configuration.is_configured(config):  # broken, not "demo": nothing would ever be sent
        return Check("engage", FAIL, "; ".join(configuration.not_configured(config_path).problems))
    try:
        client = app.build_client(config, timeouts=connection.DOCTOR_TIMEOUTS)
    except ConfigError as problem:  # no key, no keyring backend: the message says what to do
        return Check("engage", FAIL, str(problem))
    return await connection.engage_check(client, config.engage.base_url)


def _marketing_check(config: Config) -> Check | None:
    """The second orders platform, when configured: its address and its key (without one, its orders wait)."""
    settings = config.orders.second_backend
    if not settings.base_url:
        return None
    from pos_engage.core.errors import MarketingError

    try:
        connection.check_base_url(settings.base_url, what="the marketing platform")
        app.marketing_api_key()
    except (ConfigError, MarketingError) as problem:
        return Check("marketing", WARN, f"{problem}; its orders wait in the journal")
    waiting = health.marketing_waiting(config)
    return Check("marketing", OK if not waiting else WARN,
                 f"{settings.base_url}: key stored; {waiting} orders waiting" if waiting else
                 f"{settings.base_url}: key stored, nothing waiting")


def doctor(config: Config, *, as_json: bool, deep: bool = False, config_path: str | None = None) -> int:
    """Check what a till depends on and print one line per check (or JSON). Exit 0 healthy, 1 degraded (a
    warning: Engage not reachable now, a stuck queue, low disk), 2 broken (a failure: the API key refused, or
    something between the till and Engage answering instead of Engage, such as a guest network's login page or a
    proxy's redirect; a damaged journal; almost no disk). Broken means IT must act: waiting will not fix it."""
    unset = None if configuration.is_demo(config) else configuration.identity_not_set(config_path)
    checks = [Check("configuration", FAIL, "; ".join(unset.problems)) if unset is not None else
              Check("configuration", OK, f"store {config.store_external_id}, till {config.till_id}")]
    checks.append(asyncio.run(_engage_check(config, config_path)))
    checks.extend(health.journal_checks(config, deep=deep))
    checks.append(health.journal_files_check(config))
    checks.append(health.pacing_check(config))
    checks.append(health.disk_check(config))
    checks.append(health.people_check(config))
    from pos_engage import cli_link

    checks.append(Check("pos link", *cli_link.doctor_line(config)))
    for optional in (health.file_server_check(config), _marketing_check(config)):
        if optional:
            checks.append(optional)
    code = 2 if any(c.status == FAIL for c in checks) else 1 if any(c.status == WARN for c in checks) else 0
    if as_json:
        print(json.dumps({"status": ("healthy", "degraded", "broken")[code],
                          "checks": [c.__dict__ for c in checks]}))
    else:
        for check in checks:
            print(f"{check.status:>8}  {check.name:<14} {check.detail}")
    return code


# ---------------------------------------------------------------------- uninstall

UNDELIVERED_EXIT = 3


def uninstall_check(config: Config) -> int:
    """0: nothing would be lost by uninstalling; 3: entries not yet delivered, in the journal or in one set aside
    as damaged (or unreadable there), export files not uploaded, a journal lost and not acknowledged, or anything
    that keeps this check from telling (an unreadable configuration or journal): the uninstaller refuses unless
    forced. 0 is said only when nothing would be lost: an uninstaller must not read any other answer as "go"
    (an IT review: NSIS refused only on 3, and a broken configuration answered 2). The journal itself is never
    removed by the uninstaller."""
    try:
        found = health.undelivered(config)
    except (PosEngageError, sqlite3.DatabaseError, OSError) as problem:
        print(f"cannot tell whether sales are undelivered: {problem}. Uninstall with /FORCE only once IT has "
              "recovered the journal")
        return UNDELIVERED_EXIT
    if found.files_not_uploaded:
        print(f"{health.not_uploaded(found.files_not_uploaded)}, or uninstall with /FORCE")
    if found.waiting:
        figures = found.figures
        entries = "1 entry is" if found.waiting == 1 else f"{found.waiting} entries are"
        print(f"{entries} not delivered yet ({figures.pending} pending, {figures.needs_attention} need attention, "
              f"{figures.conflicts} conflicts): export or deliver them first, or uninstall with /FORCE")
    if found.trouble.blocks_uninstall:
        for line in found.trouble.lines():
            print(line)
    if found.blocks:
        return UNDELIVERED_EXIT
    print("nothing undelivered" if found.journal_exists else "no journal: nothing undelivered")
    return 0


# ---------------------------------------------------------------------- diagnostics

def diagnostics(config: Config, target: Path) -> int:
    """Everything support needs and nothing it must not see: the configuration (it holds no secrets), the
    logs redacted once more, queue figures and entry states without payloads, and versions."""
    import platform
    import zipfile

    from pos_engage import __version__
    from pos_engage.core.logs import redact

    paths = app.paths_for(config)
    report: dict = {"pos_engage": __version__, "python": sys.version, "platform": platform.platform()}
    try:
        from PySide6 import __version__ as pyside_version
        report["pyside6"] = pyside_version
    except ImportError:  # pragma: no cover - part of the install
        report["pyside6"] = None
    summary = health.journal_summary(config)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("versions.json", json.dumps(report, indent=2))
        archive.writestr("config.json", json.dumps(config.as_dict(), indent=2, ensure_ascii=False))
        archive.writestr("journal.json", json.dumps(summary, indent=2, default=str))
        for log in sorted(paths.logs.glob("*.log*")):
            archive.writestr(f"logs/{log.name}", redact(log.read_text(encoding="utf-8", errors="replace")))
    print(f"diagnostics written to {target}")
    return 0


# ---------------------------------------------------------------------- metrics

def write_metrics(config: Config, target: Path) -> int:
    figures, pacing = health.queue_and_pacing(config)
    engage = asyncio.run(_engage_check(config))
    metrics.write_textfile(target, metrics.render(figures, engage_up=engage.status == OK,
                                                  store=config.store_external_id, till=config.till_id,
                                                  pacing=pacing))
    print(f"metrics written to {target}")
    return 0
