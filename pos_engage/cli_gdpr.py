"""``pos-engage gdpr extract|forget``: a person's data at this till, shown or erased (core/office/gdpr.py).

Both need who runs them: ``--pin-stdin`` (a manager's code on standard input; ``--by`` the staff number with IT's
staff list) or ``--it "Name"`` (audited as IT, without a PIN); the audit row names that person."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pos_engage.configuration import paths_for
from pos_engage.core.config import Config
from pos_engage.core.office import gdpr
from pos_engage.core.office.queue import Journal


def run(args: argparse.Namespace, config: Config) -> int:
    person = gdpr.Person.of(email=args.email, mobile=args.mobile, personal_number=args.personal_number,
                            default_country_code=config.default_country_code)
    paths = paths_for(config)
    with Journal.open(paths.journal) as journal:
        # Both show or erase a person's data: a manager's code or IT by name (core/office/people.py), audited.
        from pos_engage.core.office.people import People, for_command_line

        actor = for_command_line(People(journal, till=config.till_id, sign_in=config.till.sign_in),
                                 pin_stdin=args.pin_stdin, by=args.by, it=args.it, read_code=sys.stdin.readline,
                                 purpose=f"gdpr {args.gdpr_command}").actor
        if args.gdpr_command == "extract":
            findings = gdpr.extract(journal, paths.root, person, actor=actor, till=config.till_id)
            text = json.dumps(findings.as_json(), indent=2, ensure_ascii=False)
            if args.out:
                out = Path(args.out)
                descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
                print(f"what this till holds about {person.masked()} is in {out} (readable by you only)")
            else:
                print(text)
            return 0
        report = gdpr.forget(journal, paths.root, person, actor=actor, reason=args.reason, till=config.till_id)
        print(f"{person.masked()}: {report.summary()}")
        return 0
