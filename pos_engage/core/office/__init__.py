"""The manager's and IT's use cases (design.md §1): what the queue view, Settings, doctor and the CLI call."""
