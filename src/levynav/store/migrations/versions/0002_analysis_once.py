"""An analysis is recorded once per case revision: the same analysis (its JSON's SHA-256, which holds the date, the
product version and the law data's digest) of the same case revision (the case JSON's SHA-256) is one row, whichever
worker process or request saved it first. Rows saved twice before this revision are folded into the first.

Revision ID: 0002
Revises: 0001
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ANALYSES = sa.table(
    "analyses",
    sa.column("id", sa.Integer()),
    sa.column("case_id", sa.String(64)),
    sa.column("data_hash", sa.String(64)),
    sa.column("result", sa.Text()),
    sa.column("result_hash", sa.String(64)),
)


def upgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("result_hash", sa.String(64), nullable=True))
    bind = op.get_bind()
    first: dict[tuple[str, str, str], int] = {}
    rows = bind.execute(
        sa.select(ANALYSES.c.id, ANALYSES.c.case_id, ANALYSES.c.data_hash, ANALYSES.c.result).order_by(ANALYSES.c.id)
    ).all()  # read whole before any row is changed
    for row_id, case_id, data_hash, result in rows:
        digest = hashlib.sha256(result.encode()).hexdigest()
        key = (case_id, data_hash, digest)
        if key in first:  # the same analysis saved again: the first row stays
            bind.execute(sa.delete(ANALYSES).where(ANALYSES.c.id == row_id))
        else:
            first[key] = row_id
            bind.execute(sa.update(ANALYSES).where(ANALYSES.c.id == row_id).values(result_hash=digest))
    with op.batch_alter_table("analyses") as batch:
        batch.alter_column("result_hash", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_analyses_once", ["case_id", "data_hash", "result_hash"])


def downgrade() -> None:
    with op.batch_alter_table("analyses") as batch:
        batch.drop_constraint("uq_analyses_once", type_="unique")
        batch.drop_column("result_hash")
