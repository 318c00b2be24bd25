"""The `reintegration` command line. Imports nothing heavy (no Prefect) so it starts fast."""
