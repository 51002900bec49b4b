"""The ledger names its targets by id, not address: rows about a thread or its posts carry
the thread's id, filled here from the stored addresses (0021 drops them)."""

import re

from django.db import migrations, models

THREAD_IN_ADDRESS = re.compile(r"/threads/(\d+)/")


def _thread_in(address: str) -> int | None:
    found = THREAD_IN_ADDRESS.search(address or "")
    return int(found.group(1)) if found else None


def fill_thread_ids(apps, schema_editor):
    Activity = apps.get_model("communities", "Activity")
    LedgerThread = apps.get_model("communities", "LedgerThread")
    Activity.objects.filter(target_type="thread").update(thread_id=models.F("target_id"))
    posts = Activity.objects.filter(target_type="post", thread_id=None).exclude(url="")
    for pk, url in posts.values_list("pk", "url").iterator(chunk_size=2000):
        thread_id = _thread_in(url)
        if thread_id is not None:
            Activity.objects.filter(pk=pk).update(thread_id=thread_id)
    # A thread moved before now could have two roll-ups: keep the latest (the nightly
    # rebuild recounts it from the ledger); one no address names goes.
    seen = set()
    for pk, key in LedgerThread.objects.order_by("-last_at", "-pk").values_list("pk", "key"):
        thread_id = _thread_in(key)
        if thread_id is None or thread_id in seen:
            LedgerThread.objects.filter(pk=pk).delete()
            continue
        seen.add(thread_id)
        LedgerThread.objects.filter(pk=pk).update(thread_id=thread_id)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0019_gaps_and_stories_move_to_insights"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="thread_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="ledgerthread",
            name="thread_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.RunPython(fill_thread_ids, migrations.RunPython.noop, elidable=True),
    ]
