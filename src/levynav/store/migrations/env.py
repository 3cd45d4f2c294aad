"""Alembic environment: the engine comes from the config's attributes (set by store.repository.migrate)."""

from __future__ import annotations

from alembic import context

from levynav.store.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
