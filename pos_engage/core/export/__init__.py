"""Export of undelivered journal entries as Engage import files, and their upload to the file server."""
