"""The Engage API client: HTTP calls (client), JSON mapping (wire) and the retry policy (retry)."""
