"""``pos-engage configure``, ``doctor`` and ``metrics``: what IT runs to provision a till and to watch a fleet.

Secrets are read from standard input (one line each, in the order of the flags: API key, file-server
password, manager PIN) and go to the OS keyring only; the configuration file never holds one.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import shutil
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pos_engage import app, configuration
from pos_engage.core import config as config_module
from pos_engage.core import credentials, metrics
from pos_engage.core.config import Config
from pos_engage.core.engage.auth import check_base_url
from pos_engage.core.engage.client import Timeouts
from pos_engage.core.errors import ConfigError, EngageAuthError, EngageError, EngageImpostor
from pos_engage.core.journal import recovery
from pos_engage.core.journal.errors import JournalError
from pos_engage.core.paths import machine_config_file, user_config_file
from pos_engage.core.pin import hash_pin

OK, WARN, FAIL = "ok", "warning", "failed"
LOW_DISK_WARN = 500 * 1024 * 1024
LOW_DISK_FAIL = 50 * 1024 * 1024


def run(args: argparse.Namespace, config_path: str | None) -> int:
    if args.command == "configure":
        return configure(args, config_path)
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
    values = config_module.read_file(target)
    if args.base_url is not None:
        values.setdefault("engage", {})["base_url"] = check_base_url(args.base_url)
    if args.store is not None:
        values["store_external_id"] = args.store
    if args.till is not None:
        values["till_id"] = args.till
    values["version"] = config_module.CURRENT_VERSION
    config_module.validate(values, str(target))  # nothing invalid is ever written
    secrets_in = {credentials.ENGAGE_API_KEY: args.api_key_stdin,
                  credentials.FILE_SERVER_PASSWORD: args.sftp_password_stdin,
                  credentials.MARKETING_API_KEY: args.marketing_key_stdin,
                  credentials.MANAGER_PIN_HASH: args.manager_pin_stdin}
    wanted = [name for name, asked in secrets_in.items() if asked]
    read = {name: sys.stdin.readline().strip() for name in wanted}
    for name, value in read.items():
        if not value:
            raise ConfigError(f"no value on standard input for {name}")
    # Secrets first: without a keyring nothing is written at all, rather than a configuration without its key.
    for name, value in read.items():
        credentials.set_secret(name, hash_pin(value) if name == credentials.MANAGER_PIN_HASH else value)
    config_module.write_atomically(target, values)
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
    member = staff.add(args.staff_add, args.name, args.role, code)
    staff.save()
    print(f"{member.name} ({member.id}), {member.role}, is on the staff list {staff.path}")
    return 0


# ---------------------------------------------------------------------- doctor

@dataclass(frozen=True)
class Check:
    """One line of doctor's report: what was checked, ok/warn/fail, and what to do about it."""

    name: str
    status: str
    detail: str


async def _engage_check(config: Config, config_path: str | None = None) -> Check:
    if app.is_demo(config):
        return Check("engage", OK, "demo mode: the embedded simulator")
    if not configuration.is_configured(config):  # broken, not "demo": nothing would ever be sent
        return Check("engage", FAIL, "; ".join(configuration.not_configured(config_path).problems))
    try:
        client = app.build_client(config, timeouts=Timeouts(interactive=5.0, connect=3.0))
    except ConfigError as problem:  # no key, no keyring backend: the message says what to do
        return Check("engage", FAIL, str(problem))
    try:
        async with client:
            await client.ping()
    except (EngageAuthError, EngageImpostor) as problem:
        # Neither heals by waiting: IT fixes the key, the address, or the network's login page or proxy.
        return Check("engage", FAIL, str(problem))
    except EngageError as problem:
        return Check("engage", WARN, f"Engage not reachable now ({problem.describe()}); sales queue meanwhile")
    return Check("engage", OK, f"{config.engage.base_url} answers and accepts the key")


def _journal_checks(config: Config, *, deep: bool = False) -> list[Check]:
    path = app.paths_for(config).journal
    if not path.exists():
        if recovery.troubles(path).lost:  # not "yet": this till had one (the journal files check names it)
            return [Check("journal", FAIL, f"no journal at {path}, though this till had one")]
        return [Check("journal", OK, f"no journal yet at {path} (created at the first sale)")]
    try:
        with recovery.open_journal(path) as journal:
            # The file is checked at open after a crash; the full check (1.5 s on a million entries) on --deep.
            checked = (time.time(), journal.check_integrity()) if deep else journal.last_integrity_check()
            figures = journal.figures()
    except JournalError as problem:
        return [Check("journal", FAIL, str(problem))]
    if checked is None:
        integrity = "not checked yet (doctor --deep checks it)"
    else:
        when = "now" if deep else time.strftime("checked %Y-%m-%d %H:%M", time.localtime(checked[0]))
        integrity = f"{checked[1]} ({when})"
    checks = [Check("journal", FAIL if checked and checked[1] != "ok" else OK, f"integrity: {integrity}")]
    age = figures.oldest_age(time.time())
    queue = f"{figures.pending} pending, {figures.needs_attention} need attention, {figures.conflicts} conflicts"
    stuck = figures.needs_attention or figures.conflicts or (age is not None and age > 3600)
    checks.append(Check("queue", WARN if stuck else OK, queue + (f", oldest {int(age)} s" if age else "")))
    return checks


def _journal_files_check(config: Config) -> Check:
    """Unsent sales outside the journal in use: a journal set aside as damaged and not recovered, or one that
    vanished or was emptied and is not acknowledged. Broken until IT recovers it (or a manager acknowledges it)."""
    trouble = recovery.troubles(app.paths_for(config).journal)
    if not trouble:
        return Check("journal files", OK, "no journal set aside or lost")
    return Check("journal files", FAIL, " ".join(trouble.lines()))


def _disk_check(config: Config) -> Check:
    root = app.paths_for(config).root
    probe = root if root.exists() else root.parent
    while not probe.exists():
        probe = probe.parent
    unwritable = _unwritable(root, probe)
    if unwritable:
        return Check("disk", FAIL, f"the data folder {root} cannot be written ({unwritable}): no sale can be saved; "
                                   "check the folder's owner and permissions, or that the disk is not read-only")
    free = shutil.disk_usage(probe).free
    status = FAIL if free < LOW_DISK_FAIL else WARN if free < LOW_DISK_WARN else OK
    return Check("disk", status, f"{free // (1024 * 1024)} MB free for {root}")


def _unwritable(root: Path, existing: Path) -> str:
    """Why the data folder cannot take a new file ("" when it can): a real write, since permission bits say
    nothing of a read-only file system, and root ignores them."""
    import tempfile

    if root.exists() and not root.is_dir():
        return "a file is where the folder should be"
    folder = root if root.exists() else existing
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as problem:
        return problem.strerror or type(problem).__name__
    return ""


def _file_server_check(config: Config) -> Check | None:
    settings = config.file_server
    if not settings.host:
        return None
    try:
        with socket.create_connection((settings.host, settings.port), timeout=5):
            pass
    except OSError as problem:
        return Check("file server", WARN, f"{settings.host}:{settings.port} not reachable ({problem})")
    return Check("file server", OK, f"{settings.host}:{settings.port} reachable")


def _marketing_check(config: Config) -> Check | None:
    """The second orders platform, when configured: its address and its key (without one, its orders wait)."""
    settings = config.orders.second_backend
    if not settings.base_url:
        return None
    from pos_engage.core.errors import MarketingError
    from pos_engage.core.journal.entry import MARKETING_KINDS, UNDELIVERED

    try:
        check_base_url(settings.base_url, what="the marketing platform")
        app.marketing_api_key()
    except (ConfigError, MarketingError) as problem:
        return Check("marketing", WARN, f"{problem}; its orders wait in the journal")
    waiting = 0
    path = app.paths_for(config).journal
    if path.exists():
        with recovery.open_journal(path) as journal:
            waiting = journal.count(kinds=list(MARKETING_KINDS), statuses=sorted(UNDELIVERED))
    return Check("marketing", OK if not waiting else WARN,
                 f"{settings.base_url}: key stored; {waiting} orders waiting" if waiting else
                 f"{settings.base_url}: key stored, nothing waiting")


def doctor(config: Config, *, as_json: bool, deep: bool = False, config_path: str | None = None) -> int:
    """Check what a till depends on and print one line per check (or JSON). Exit 0 healthy, 1 degraded (a
    warning: Engage not reachable now, a stuck queue, low disk), 2 broken (a failure: the API key refused, or
    something between the till and Engage answering instead of Engage, such as a guest network's login page or a
    proxy's redirect; a damaged journal; almost no disk). Broken means IT must act: waiting will not fix it."""
    checks = [Check("configuration", OK, f"store {config.store_external_id}, till {config.till_id}")]
    checks.append(asyncio.run(_engage_check(config, config_path)))
    checks.extend(_journal_checks(config, deep=deep))
    checks.append(_journal_files_check(config))
    checks.append(_pacing_check(config))
    checks.append(_disk_check(config))
    checks.append(_people_check(config))
    from pos_engage import cli_link

    checks.append(Check("pos link", *cli_link.doctor_line(config)))
    for optional in (_file_server_check(config), _marketing_check(config)):
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


def _pacing_check(config: Config) -> Check:
    """The till's pace toward its API key, as the deliverer last noted it in the journal: its share, the rate it
    allows itself now, 429s in the last minute (a warning: the key is shared by more tills than journal.tills_on_key
    says, or something else uses it)."""
    from pos_engage.core.journal.replayer import read_pacing

    settings = config.journal
    share = settings.rate_limit / max(1, settings.tills_on_key)
    told = (f"share {share:g}/s of the key ({settings.rate_limit:g}/s for {settings.tills_on_key} till(s))"
            if settings.rate_limit else "no rate limit")
    path = app.paths_for(config).journal
    pacing = None
    if path.exists():
        with contextlib.suppress(JournalError), recovery.open_journal(path) as journal:
            pacing = read_pacing(journal)
    if pacing is None or time.time() - pacing.at > metrics.STALE_SECONDS:
        return Check("pacing", OK, f"{told}; nothing delivered lately")
    detail = (f"{told}; now {pacing.rate:g}/s ({pacing.background_rate:g}/s background), sent "
              f"{pacing.effective_rate:.1f}/s over the last minute, {pacing.refused_last_minute} refused (429) in it")
    return Check("pacing", WARN if pacing.refused_last_minute else OK, detail)


def _people_check(config: Config) -> Check:
    """Who approves manager actions here (core/office/people.py): IT's staff list, and whether the till's own
    user could change it (then it could make itself a manager: IT gives the file to root or an administrator)."""
    import os

    from pos_engage.core.errors import PosEngageError
    from pos_engage.core.office.people import StaffDirectory

    try:
        staff = StaffDirectory.read()
    except PosEngageError as problem:
        return Check("people", FAIL, str(problem))
    if not staff.exists:
        return Check("people", OK, "no staff list: nobody signs in, the till's manager PIN approves manager actions "
                                   "(IT adds people with 'pos-engage configure --machine --staff-add')")
    managers = sum(1 for m in staff.members.values() if m.role == "manager")
    mode = "shared till" if config.till.sign_in == "shared" else "cashiers sign in"
    detail = f"{len(staff.members)} people on the staff list, {managers} managers; {mode}"
    if hasattr(os, "geteuid") and os.geteuid() != 0 and staff.path.stat().st_uid == os.geteuid():
        return Check("people", WARN, f"{detail}; but {staff.path} belongs to this till's user, who could change it: "
                                     "IT gives it to root")
    if not managers:
        return Check("people", WARN, f"{detail}: nobody can approve a manager action at the till")
    return Check("people", OK, detail)


# ---------------------------------------------------------------------- uninstall

UNDELIVERED_EXIT = 3


def uninstall_check(config: Config) -> int:
    """0: nothing would be lost by uninstalling; 3: entries not yet delivered, in the journal or in one set aside
    as damaged (or unreadable there), or a journal lost and not acknowledged (the uninstaller refuses unless
    forced). The journal itself is never removed by the uninstaller."""
    path = app.paths_for(config).journal
    trouble = recovery.troubles(path)
    waiting = 0
    if path.exists() or trouble.lost:
        with recovery.open_journal(path) as journal:
            figures = journal.figures()
        trouble = recovery.troubles(path)  # a loss seen at this open is recorded now
        waiting = figures.pending + figures.needs_attention + figures.conflicts
        if waiting:
            print(f"{waiting} entries are not delivered yet ({figures.pending} pending, {figures.needs_attention} "
                  f"need attention, {figures.conflicts} conflicts): export or deliver them first, or uninstall "
                  "with /FORCE")
    if trouble.blocks_uninstall:
        for line in trouble.lines():
            print(line)
    if waiting or trouble.blocks_uninstall:
        return UNDELIVERED_EXIT
    print("nothing undelivered" if path.exists() else "no journal: nothing undelivered")
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
    summary: dict = {}
    if paths.journal.exists():
        try:
            with recovery.open_journal(paths.journal) as journal:
                summary = journal.figures().__dict__ | {"integrity": journal.integrity(), "by_status": dict(
                    journal.connection.execute("SELECT status, count(*) FROM entries GROUP BY status").fetchall())}
        except JournalError as problem:
            summary = {"error": str(problem)}
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
    from pos_engage.core.journal.replayer import read_pacing

    with recovery.open_journal(app.paths_for(config).journal) as journal:
        figures = journal.figures()
        pacing = read_pacing(journal)
    engage = asyncio.run(_engage_check(config))
    metrics.write_textfile(target, metrics.render(figures, engage_up=engage.status == OK,
                                                  store=config.store_external_id, till=config.till_id,
                                                  pacing=pacing))
    print(f"metrics written to {target}")
    return 0
