"""A GIN index for full-text search on PostgreSQL; other databases use the plain fallback."""

from django.db import migrations

INDEX_NAME = "post_body_search"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    Post = apps.get_model("discussions", "Post")
    schema_editor.add_index(
        Post, GinIndex(SearchVector("body", config="english"), name=INDEX_NAME)
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("discussions", "0003_moderation")]
    operations = [migrations.RunPython(create_index, drop_index)]
