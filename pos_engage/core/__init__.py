"""Pure-Python core: domain, Engage client, journal, till use cases. Never imports Qt."""
