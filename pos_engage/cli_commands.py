"""The command line's commands and options, and nothing else: parsing a command line loads none of the
modules that carry the commands out (the till window's start must not wait for the journal or the client)."""

from __future__ import annotations

import argparse
import math

from pos_engage.core.office.entries import EntryKind, EntryStatus


def _number(text: str, parse, *, what: str, fits, refusal: str):
    """``text`` read by ``parse`` (int, float) as ``what``, and kept only when it ``fits``; argparse says the
    option's name with ``'<text>' is not <what>`` or ``'<text>' is not <refusal>``."""
    try:
        value = parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
    if not fits(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not {refusal}")
    return value


def _seconds(text: str) -> float:
    """A number of seconds of 0 or more."""
    return _number(text, float, what="a number of seconds", fits=lambda value: 0 <= value <= 86400,
                   refusal="between 0 and 86400 seconds")


def _positive_seconds(text: str) -> float:
    """A number of seconds above 0 (a replay given 0 or less would stop before sending anything)."""
    return _number(text, float, what="a number of seconds", fits=lambda value: 0 < value < math.inf,
                   refusal="a number of seconds above 0")


def _port(text: str) -> int:
    """A TCP port, or 0 for any free one (the first line printed says which): 99999 ended in a traceback."""
    return _number(text, int, what="a port number", fits=lambda value: 0 <= value <= 65535,
                   refusal="a port: 1 to 65535 (0: any free port)")


def _retention_days(text: str) -> float:
    """Days of at least 1, as journal.retention_days: -5 stripped the personal data of every delivered entry, and
    0 would do the same with nothing in the documentation saying so."""
    return _number(text, float, what="a number of days", fits=lambda value: 1 <= value < math.inf,
                   refusal="a number of days of at least 1 (as journal.retention_days)")


def add_person_options(command: argparse.ArgumentParser) -> None:
    """Who runs a command that changes or deletes (core/office/people.py): a manager's code, or IT by name."""
    command.add_argument("--pin-stdin", action="store_true",
                         help="read a manager's code from standard input (the till's manager PIN, or with IT's "
                              "staff list the manager's personal code and --by)")
    command.add_argument("--by", default=None, metavar="STAFF_NUMBER",
                         help="with --pin-stdin and a staff list: the manager's staff number")
    command.add_argument("--it", default=None, metavar="NAME",
                         help="IT runs this without a PIN: your name, audited as 'IT: NAME, without a PIN'")


def add_journal_commands(commands: argparse._SubParsersAction) -> None:
    receipt = commands.add_parser("receipt", help="book a receipt through the journal")
    receipt_commands = receipt.add_subparsers(dest="receipt_command", required=True)
    submit = receipt_commands.add_parser("submit", help="journal an Engage v3 receipt JSON file, then send it")
    submit.add_argument("file", help="the receipt JSON; storeExternalId and createdDate are filled in if missing")
    submit.add_argument("--no-send", action="store_true", help="only journal it; the replayer sends it later")

    journal = commands.add_parser("journal", help="see and act on the offline journal")
    sub = journal.add_subparsers(dest="journal_command", required=True)
    listing = sub.add_parser("list", help="list entries, newest first")
    listing.add_argument("--status", action="append", choices=[s.value for s in EntryStatus])
    listing.add_argument("--kind", action="append", choices=[k.value for k in EntryKind])
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="one entry with its attempts and audit trail; emails, mobiles, cards and "
                                       "personal numbers masked, as the queue view shows them")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    show.add_argument("--reveal", action="store_true",
                      help="show them unmasked: needs a manager's code or --it NAME, and is audited (who, which entry)")
    add_person_options(show)
    replay = sub.add_parser("replay", help="send what is due to Engage now; exit 0 without sending anything while "
                            "another pos-engage (the till window, another replay) is delivering this journal (it "
                            "says which)")
    replay.add_argument("--until-empty", action="store_true",
                        help="keep going, waiting out retry delays and Engage being down, until nothing is left or "
                             "--max-seconds; exit 1 (with a line saying what is left) if entries are still "
                             "undelivered then")
    replay.add_argument("--max-seconds", type=_positive_seconds, default=600.0,
                        help="with --until-empty: give up after this many seconds (default 600)")
    retry = sub.add_parser("retry", help="send an entry that needs attention (or a conflict) again")
    retry.add_argument("id", type=int)
    retry.add_argument("--reason", default="")
    add_person_options(retry)
    resolve = sub.add_parser("resolve", help="close an entry without sending it (audited)")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--reason", required=True)
    add_person_options(resolve)
    prune = sub.add_parser("prune", help="drop personal data of entries delivered longer ago than the retention")
    prune.add_argument("--days", type=_retention_days, default=None,
                       help="at least 1 (default: journal.retention_days)")
    sub.add_parser("figures", help="queue figures: pending, oldest, needs attention, conflicts")
    compact = sub.add_parser("compact", help="give the journal's free space back to the disk, once (audited; "
                             "let the till be idle: it takes a while and twice the file's size)")
    compact.add_argument("--reason", default="", help="recorded in the audit log")
    add_person_options(compact)
    recover = sub.add_parser("recover", help="bring the unsent entries of a journal set aside as damaged (or of a "
                             "backup) back into the queue: each is asked about at Engage first, then sent once; "
                             "the file is then renamed .recovered-, never deleted (audited)")
    recover.add_argument("file", nargs="?", help="the file (default: every journal.damaged-* beside the journal)")
    recover.add_argument("--reason", default="", help="recorded in the audit log")
    add_person_options(recover)  # optional here: it loses nothing; without a person the till is named
    lost = sub.add_parser("acknowledge-lost", help="a journal that vanished or was emptied cannot be restored: "
                          "stop reporting it (audited, with the reason)")
    lost.add_argument("--reason", required=True)
    add_person_options(lost)
    export = sub.add_parser("export", help="write the queue as Engage import files (never also sent by API)")
    export.add_argument("--out", help="folder for the files (default: the data folder's exports)")
    export.add_argument("--reason", default="Engage outage", help="recorded in the audit log")
    add_person_options(export)
    upload = sub.add_parser("upload", help="upload exported files to Engage's file server (contacts first)")
    upload.add_argument("--out", help="the export folder (default: the data folder's exports)")
    add_person_options(upload)


def add_admin_commands(commands: argparse._SubParsersAction) -> None:
    configure = commands.add_parser("configure", help="provision this till silently (IT)")
    configure.add_argument("--machine", action="store_true", help="write IT's machine-wide file (needs admin rights)")
    configure.add_argument("--base-url", help="Engage address, https://<tenant>.voyado.com")
    configure.add_argument("--store", help="store external id")
    configure.add_argument("--till", help="till id")
    configure.add_argument("--api-key-stdin", action="store_true", help="read the Engage API key from stdin")
    configure.add_argument("--sftp-password-stdin", action="store_true", help="read the file-server password")
    configure.add_argument("--marketing-key-stdin", action="store_true",
                           help="read the second orders platform's API key from stdin")
    configure.add_argument("--manager-pin-stdin", action="store_true",
                           help="read the till's single manager PIN (4-12 digits; not used once a staff list exists)")
    configure.add_argument("--pos-link-token-new", action="store_true",
                           help="make a new POS link token, print it once and store it in the keyring (the running "
                                "link takes it within seconds; the old one stops working)")
    staff = configure.add_mutually_exclusive_group()
    staff.add_argument("--staff-add", metavar="STAFF_NUMBER",
                       help="with --machine, --name, --role and --code-stdin: add a person to IT's staff list (a "
                            "staff number already on it is refused unless --replace)")
    staff.add_argument("--staff-remove", metavar="STAFF_NUMBER", help="with --machine: take a person off the list")
    staff.add_argument("--staff-list", action="store_true", help="the staff list: number, name, role (never codes)")
    configure.add_argument("--replace", action="store_true",
                           help="with --staff-add: replace whoever has that staff number (a new name, role or code)")
    configure.add_argument("--name", help="with --staff-add: the person's name as the audit log shows it")
    configure.add_argument("--role", choices=("manager", "cashier"), help="with --staff-add")
    configure.add_argument("--code-stdin", action="store_true",
                           help="with --staff-add: read the person's code (6-12 digits) from standard input")
    doctor = commands.add_parser("doctor", help="is this till healthy? exit 0 healthy, 1 degraded, 2 broken")
    doctor.add_argument("--json", action="store_true")
    doctor.add_argument("--deep", action="store_true",
                        help="also check the journal file's integrity (slow on a big journal)")
    commands.add_parser("uninstall-check", help="exit 3 while undelivered entries exist, also in a journal set aside "
                        "as damaged or lost and not yet acknowledged (the uninstaller asks)")
    diagnostics = commands.add_parser("diagnostics", help="a zip for support: config, redacted logs, figures")
    diagnostics.add_argument("--out", required=True, help="the .zip to write")
    metrics = commands.add_parser("metrics", help="write queue and connection figures for node_exporter")
    metrics.add_argument("--textfile", required=True, help="the .prom file node_exporter's textfile collector reads")


# What configure can change: without one of them it has nothing to do (it wrote {"version": 1} and said
# "configuration written").
CONFIGURE_CHANGES = ("base_url", "store", "till", "api_key_stdin", "sftp_password_stdin", "marketing_key_stdin",
                     "manager_pin_stdin", "pos_link_token_new", "staff_add", "staff_remove", "staff_list")


def configure_changes_nothing(args: argparse.Namespace) -> bool:
    """``configure`` given none of the options that change or show something (--machine alone changes nothing)."""
    return all(getattr(args, name) in (None, False) for name in CONFIGURE_CHANGES)


def add_link_commands(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the POS link without a window (until SIGTERM or Ctrl+C); the "
                                "first line printed is 'POS link on http://127.0.0.1:PORT'")
    serve.add_argument("--port", type=_port, default=None,
                       help="default: pos_link.port (8765); 0: any free port (the first line says which)")
    serve.add_argument("--host", default=None, help="127.0.0.1 (default) or ::1; nothing else is accepted")
    serve.add_argument("--demo", action="store_true", help="against the embedded simulator")
    demo = commands.add_parser("pos-demo", help="the reference POS: open a sale with a few articles at a running "
                               "till, wait for the cashier, print what was applied, commit")
    demo.add_argument("--url", default=None, help="the till's POS link (default: http://127.0.0.1:pos_link.port)")
    demo.add_argument("--token", default=None, help="default: POS_ENGAGE_POS_LINK_TOKEN, the keyring, or the demo's")
    demo.add_argument("--sale", default=None, help="the POS's sale id (default: a new one)")
    demo.add_argument("--customer", default=None, help="a customer key the POS scanned (else the cashier identifies)")
    demo.add_argument("--wait", type=_seconds, default=120.0, help="seconds to wait for the cashier's offers")
    demo.add_argument("--settle", type=_seconds, default=3.0, help="without a keyboard: pay this many seconds after "
                      "the last offer the cashier picked (default 3)")
    demo.add_argument("--no-input", action="store_true", help="never wait for Enter, even at a keyboard")
    demo.add_argument("--json", action="store_true", help="print the committed sale's state as JSON")
    demo.add_argument("--demo", action="store_true", help="use the demo's token")


def add_gdpr_commands(commands: argparse._SubParsersAction) -> None:
    gdpr = commands.add_parser("gdpr", help="what this till holds about a person, and erasing it (audited)")
    sub = gdpr.add_subparsers(dest="gdpr_command", required=True)
    for name, text in (("extract", "print, as JSON, everything this till holds about the person"),
                       ("forget", "erase the person's data where it has reached Engage; what is still queued is "
                                  "erased once delivered")):
        command = sub.add_parser(name, help=text)
        command.add_argument("--email", help="the person's email address")
        command.add_argument("--mobile", help="the person's mobile number")
        command.add_argument("--personal-number", help="the person's personal number (personnummer)")
        add_person_options(command)
        if name == "extract":
            command.add_argument("--out", help="write the JSON to this file (owner-only) instead of the terminal")
        else:
            command.add_argument("--reason", required=True, help="why (e.g. 'customer request, ticket 1234')")
