"""Stories told with "I used this" or an adaptation become value stories of the asset's
community, as new ones are: the stories page and the value figures count them. Their
ledger rows were written when they were told, so the ledger is left as it is."""

from django.db import migrations


def tell(apps, schema_editor):
    Reuse = apps.get_model("assets", "Reuse")
    ValueStory = apps.get_model("insights", "ValueStory")
    reuses = Reuse.objects.exclude(story="").select_related("asset__community")
    for reuse in reuses.iterator():
        asset = reuse.asset
        link = f"/c/{asset.community.slug}/assets/{asset.pk}/"
        told = ValueStory.objects.filter(
            community_id=asset.community_id, author_id=reuse.user_id, link=link,
            what_changed=reuse.story,
        )
        if told.exists():
            continue
        verb = "Adapted “%s” from the library." if reuse.kind == "adapted" else "Used “%s”."
        ValueStory.objects.create(
            community_id=asset.community_id,
            author_id=reuse.user_id,
            what_happened=(verb % asset.title)[:1000],
            what_changed=reuse.story[:1000],
            kind="applied",
            link=link,
            members_only=asset.visibility != "public" or asset.community.visibility != "public",
            created_at=reuse.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assets", "0002_asset_behaviour_from_behaviours_table"),
        ("insights", "0002_value_story_members_only"),
    ]

    operations = [migrations.RunPython(tell, migrations.RunPython.noop)]
