"""Entry point of the frozen build (PyInstaller): the same command line as the installed package."""

from pos_engage.cli import main

raise SystemExit(main())
