from django.db import migrations


def withdraw(apps, schema_editor):
    """Ledger rows about content hidden before rows could say so are withdrawn now."""
    Activity = apps.get_model("communities", "Activity")
    Thread = apps.get_model("discussions", "Thread")
    Post = apps.get_model("discussions", "Post")
    hidden_threads = Thread.objects.filter(hidden=True).values("pk")
    Activity.objects.filter(target_type="thread", target_id__in=hidden_threads).update(
        withdrawn=True
    )
    hidden_posts = Post.objects.filter(hidden=True).values("pk")
    in_hidden_threads = Post.objects.filter(thread__hidden=True).values("pk")
    Activity.objects.filter(target_type="post", target_id__in=hidden_posts).update(withdrawn=True)
    Activity.objects.filter(target_type="post", target_id__in=in_hidden_threads).update(
        withdrawn=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0008_post_search_vector"),
        ("communities", "0012_activity_withdrawn"),
    ]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
