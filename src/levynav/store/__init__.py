"""Saved cases: SQLAlchemy 2 models, the repository and the Alembic migrations.

SQLite by default, PostgreSQL by URL (LEVYNAV_DATABASE_URL)."""
