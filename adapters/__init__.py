"""Adapters between the pure domain and the outside world (calendars now; the store later)."""
