"""Keep each post's full-text vector in a stored generated column with a GIN index.

Matching and ranking then read the stored vector instead of parsing every matching body
again on each search (seconds on a site with 100,000 posts). PostgreSQL only, like 0004;
other databases use the plain fallback and have no such column.
"""

from django.db import migrations

COLUMN = "search_vector"
INDEX_NAME = "post_search_vector"
OLD_INDEX = "post_body_search"
VECTOR = "to_tsvector('english'::regconfig, COALESCE(body, ''))"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE discussions_post ADD COLUMN {COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(f"CREATE INDEX {INDEX_NAME} ON discussions_post USING gin ({COLUMN})")
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX {OLD_INDEX} ON discussions_post USING gin ({VECTOR})")
    schema_editor.execute(f"ALTER TABLE discussions_post DROP COLUMN {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("discussions", "0007_move_thread")]
    operations = [migrations.RunPython(add_column, drop_column)]
