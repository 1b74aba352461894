"""The command line: ``pos-engage`` (the till), ``--demo`` (embedded simulator), and admin commands."""

from __future__ import annotations

import argparse
import sys

from pos_engage import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-engage",
        description="Till companion for Voyado Engage: identify customers, apply promotions, book receipts, "
                    "and never lose a sale when Engage is offline.",
    )
    parser.add_argument("--version", action="version", version=f"pos-engage {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="run against the embedded Engage simulator with demo data (no credentials, no network)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.demo:
        from pos_engage.app import run_demo_tour

        return run_demo_tour(sys.stdout)
    build_parser().print_help()
    return 0
