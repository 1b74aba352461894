"""The offline journal: every change is written here first, then delivered to Engage (or exported to a file)."""
