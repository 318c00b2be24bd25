"""The case store: SQLModel tables on SQLite (embedded default) or PostgreSQL (by URL)."""
