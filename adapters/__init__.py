"""Adapters between the pure domain and the outside world: the holiday calendar and the store."""
