"""``pos-engage gdpr extract|forget``: a person's data at this till, shown or erased (core/office/gdpr.py)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
from pathlib import Path

from pos_engage.configuration import paths_for
from pos_engage.core.config import Config
from pos_engage.core.journal.store import Journal
from pos_engage.core.office import gdpr


def run(args: argparse.Namespace, config: Config) -> int:
    person = gdpr.Person.of(email=args.email, mobile=args.mobile, default_country_code=config.default_country_code)
    paths = paths_for(config)
    actor = args.by or getpass.getuser()
    with Journal.open(paths.journal) as journal:
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
