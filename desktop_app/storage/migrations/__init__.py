"""Alembic migrations for the app's database, shipped inside the package."""
