"""Allow ``python -m pos_engage``."""

from pos_engage.cli import main

raise SystemExit(main())
