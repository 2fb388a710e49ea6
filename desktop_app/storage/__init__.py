"""Storage: SQLite through SQLAlchemy 2 — the source of truth for terms, jobs and user data."""
