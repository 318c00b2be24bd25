"""Prefect flows: thin wiring that calls a use case with the command it is given, then publishes
what happened (the case's timeline as an artifact, each event as a Prefect event), plus the
reminder dispatcher on its working-hours schedule and the demonstration."""
