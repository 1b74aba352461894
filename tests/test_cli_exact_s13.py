"""Options only as they are spelled (store-day review: '--base-ur' was taken for '--base-url'): an IT script with a
typo is refused, never read as another option, at the top and in every subcommand."""

from __future__ import annotations

import pytest

from pos_engage.cli import build_parser


@pytest.mark.parametrize("args", [
    ["--dem"],
    ["configure", "--base-ur", "https://engage.example"],
    ["journal", "resolve", "1", "--reas", "sent by hand", "--it", "Sara"],
    ["gdpr", "extract", "--ema", "a@example.se", "--it", "Sara"],
])
def test_an_abbreviated_option_is_refused(args, capsys):
    with pytest.raises(SystemExit) as refused:
        build_parser().parse_args(args)
    assert refused.value.code == 2
    said = capsys.readouterr().err
    assert "unrecognized arguments" in said or "required: --reason" in said, said


def test_the_whole_option_still_works():
    assert build_parser().parse_args(["configure", "--base-url", "https://engage.example"]).command == "configure"
