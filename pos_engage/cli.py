"""The command line: ``pos-engage`` (the till), ``--demo`` (embedded simulator), and admin commands."""

from __future__ import annotations

import argparse
import os
import signal
import sys

from pos_engage import __version__
from pos_engage.core.errors import ConfigError, InputError, PosEngageError


def window_options(argv: list[str]) -> argparse.Namespace | None:
    """The till's every start (only the window's own options) read without building argparse's parsers, which
    is measurable in the time to the window; None for anything else (help, version, commands, mistakes), which
    the full parser then reads and explains."""
    options = argparse.Namespace(command=None, demo=False, self_test=False, config=None)
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--config" and rest and not rest[0].startswith("-"):
            options.config = rest.pop(0)
        elif option.startswith("--config=") and option != "--config=":
            options.config = option.removeprefix("--config=")
        elif option in ("--demo", "--self-test"):
            setattr(options, option[2:].replace("-", "_"), True)
        else:
            return None
    return options


class _ExactOptions(argparse.ArgumentParser):
    """Options only as they are spelled: argparse would take '--rep' for '--replace' or '--base-ur' for '--base-url',
    and an IT script with a typo would do something it does not say. Subcommands' parsers are of this class too."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _ExactOptions(
        prog="pos-engage",
        description="Till companion for Voyado Engage: identify customers, apply promotions, book receipts, "
                    "and never lose a sale when Engage is offline.",
    )
    parser.add_argument("--version", action="version", version=f"pos-engage {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the till against the embedded Engage simulator with demo data (no credentials, "
                             "no network)")
    parser.add_argument("--self-test", action="store_true",
                        help="open the window, close it as soon as it is shown, report the time (works offscreen)")
    parser.add_argument("--config", metavar="PATH",
                        help="configuration file (default: POS_ENGAGE_CONFIG, else IT's machine-wide file and the "
                             "user's override)")
    from pos_engage.cli_commands import add_admin_commands, add_gdpr_commands, add_journal_commands, add_link_commands

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo-tour", help="print a short tour of real calls against the embedded simulator")
    add_journal_commands(commands)
    add_admin_commands(commands)
    add_gdpr_commands(commands)
    add_link_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # the last lines too: a reader that left shows here, not in the interpreter's exit
        return code
    except BrokenPipeError as problem:
        if not _stdout_closed():
            return _cannot_use(problem)
        return _reader_left()


# A process ended by SIGPIPE exits with 128 + 13 in a shell: what `doctor | head -1` gives in a pipeline with
# pipefail, distinct from doctor's own 1 (degraded) and 2 (broken). Windows has no SIGPIPE; the number stays.
SIGPIPE_EXIT = 128 + getattr(signal, "SIGPIPE", 13)


def _reader_left() -> int:
    """Standard output's reader went away (``doctor | head -1``): end quietly, as Python's documentation says
    (signal module, "Note on SIGPIPE"): the rest of the output goes to devnull, so the interpreter's own last
    flush cannot fail again. It said "cannot use: Broken pipe" and exit 2, as if the till were broken."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return SIGPIPE_EXIT


def _stdout_closed() -> bool:
    """Whether standard output is a pipe whose reader has gone (a broken pipe elsewhere, a socket say, is a real
    error). Where poll is missing (Windows), a broken pipe reaching here is taken to be standard output's."""
    import select

    if not hasattr(select, "poll"):
        return True
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (OSError, ValueError):
        return True


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Every file pos-engage writes (journal, logs, exports, extracts, diagnostics) is its user's only; the few
    # meant for others (IT's configuration, node_exporter's textfile) say so where they are written.
    os.umask(0o077)
    args = window_options(argv) or build_parser().parse_args(argv)
    if args.command == "demo-tour":
        from pos_engage.app import run_demo_tour

        return run_demo_tour(sys.stdout)
    from pos_engage import configuration

    try:
        if args.command == "configure":
            from pos_engage.cli_commands import configure_changes_nothing

            if configure_changes_nothing(args):
                # A usage error, as argparse's own: a provisioning script whose variables came out empty must not
                # read "configuration written" and 0 as "this till is provisioned".
                print("pos-engage: configure: nothing to change, nothing written: give --base-url, --store, --till, "
                      "a --...-stdin secret, --pos-link-token-new or a --staff- option (pos-engage configure --help)",
                      file=sys.stderr)
                return 2
        if args.command in ("configure", "doctor", "metrics", "diagnostics", "uninstall-check"):
            from pos_engage import cli_admin

            return cli_admin.run(args, args.config)
        config = configuration.load_config(args.config)
        if args.demo:  # chosen on the command line: the simulator, on the demo's own journal
            config = configuration.as_demo(config)
        from pos_engage.core.paths import tighten

        tighten(configuration.paths_for(config))  # files from older versions, or copied in, become owner-only too
        from pos_engage.core import logs

        log_dir = configuration.paths_for(config).logs
        if not args.command:
            from pos_engage import preflight

            cannot_start = preflight.problems()
            if cannot_start:  # before Qt loads its platform plugin and aborts with a misleading message
                return preflight.report(cannot_start)
            from pos_engage.window import run_window

            logs.hold(log_dir)  # the window opens the log file once it is shown
            return run_window(config, demo=configuration.is_demo(config), log_dir=log_dir, self_test=args.self_test,
                              config_path=args.config)
        logs.configure(log_dir)
        if args.command in ("serve", "pos-demo"):
            from pos_engage import cli_link

            return cli_link.serve(args, config) if args.command == "serve" else cli_link.pos_demo(args, config)
        if args.command == "gdpr":
            from pos_engage import cli_gdpr

            return cli_gdpr.run(args, config)
        from pos_engage import cli_journal

        return cli_journal.run(args, config)
    except InputError as exc:
        print(f"pos-engage: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        return _refuse_to_start(args, exc)
    except PosEngageError as exc:
        print(f"pos-engage: {exc}", file=sys.stderr)
        return 2
    except RecursionError:
        # json and the XML reader recurse per level: a file nested thousands deep is bad input, not a bug.
        print("pos-engage: the input is nested too deeply to read (thousands of levels): nothing was changed",
              file=sys.stderr)
        return 2
    except UnicodeEncodeError as exc:
        # Not a file that could not be read: a character that could not be written or sent as it is (a terminal
        # or pipe that is not UTF-8; an HTTP header, which carries plain ASCII only). Blaming "the input" and
        # saying "nothing was changed" misled (an IT review: a key pasted with curly quotes).
        print(f"pos-engage: {_character(exc)} cannot be written as {exc.encoding} here: a terminal or pipe that is "
              "not UTF-8 (PYTHONIOENCODING=utf-8 sets it), or a value sent to Engage as it is", file=sys.stderr)
        return 2
    except UnicodeError as exc:
        print(f"pos-engage: the input is not valid text ({exc.reason}): save it as UTF-8; nothing was changed",
              file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # main: the reader of standard output went away, nothing is wrong here
    except OSError as exc:
        return _cannot_use(exc)


def _character(exc: UnicodeEncodeError) -> str:
    """The character that could not be encoded, by its Unicode name (plain ASCII, whatever stderr takes)."""
    import unicodedata

    character = exc.object[exc.start:exc.start + 1] if isinstance(exc.object, str) else ""
    if not character:
        return "a character"
    return f"the character {unicodedata.name(character, f'U+{ord(character):04X}')}"


def _cannot_use(exc: OSError) -> int:
    where = f" {exc.filename}" if exc.filename else ""
    print(f"pos-engage: cannot use{where}: {exc.strerror or type(exc).__name__}", file=sys.stderr)
    return 2


def _refuse_to_start(args: argparse.Namespace, problem: ConfigError) -> int:
    """A configuration that cannot work: one line per problem on stderr (each naming its key path), and the
    till's window, which a windowed build starts without a console, shows them instead of starting."""
    lines = list(getattr(problem, "problems", ())) or [f"configuration: {line}" for line in str(problem).splitlines()]
    for line in lines:
        print(f"pos-engage: {line}", file=sys.stderr)
    if not args.command and not args.self_test:
        from pos_engage.window import show_start_problem

        show_start_problem(lines)
    return 2
