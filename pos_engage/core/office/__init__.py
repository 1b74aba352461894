"""The manager's and IT's use cases (design.md §1): what the queue view, Settings, doctor and the CLI call.

``queue`` (the queue in plain words, and its actions: retry, resolve, correct, reveal, export, send all, upload,
recover, acknowledge a lost journal), ``export`` (export and upload), ``connection`` (the connection test),
``health`` (doctor's checks and the status bar's words), ``people`` (who approves what: the manager's code, the
audit row, the person), ``gdpr`` (a person's data), ``entries`` (the journal's words a door shows). The doors
import these, never the journal, the exporter or the Engage client (an import-linter contract in pyproject.toml).
"""
