from django.db import migrations


def members_only_outside_public(apps, schema_editor):
    """Threads started in a private or unlisted community are for its members, so making
    the community public later does not publish them."""
    Thread = apps.get_model("discussions", "Thread")
    Thread.objects.exclude(community__visibility="public").update(members_only=True)


class Migration(migrations.Migration):
    dependencies = [("discussions", "0009_withdraw_hidden_activity")]

    operations = [migrations.RunPython(members_only_outside_public, migrations.RunPython.noop)]
