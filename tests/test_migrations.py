"""The migrations build exactly the schema the models describe, on both engines."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from robimgood.geo.engine import include_object


def test_models_and_migrations_agree(db):
    context = MigrationContext.configure(
        db.session.connection(), opts={"include_object": include_object, "compare_type": True})
    diff = compare_metadata(context, db.metadata)
    assert diff == [], "run `robimgood db migrate` and commit the migration: " + repr(diff)
