"""Thread roll-ups are keyed by thread id, one per thread wherever it moved; the ledger's
stored addresses go (they are worked out when read); the target is indexed."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0020_ledger_keyed_by_ids"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="ledgerthread", name="ledger_thread_unique"),
        migrations.RemoveField(model_name="ledgerthread", name="key"),
        migrations.AlterField(
            model_name="ledgerthread",
            name="thread_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddConstraint(
            model_name="ledgerthread",
            constraint=models.UniqueConstraint(fields=("thread_id",), name="ledger_thread_unique"),
        ),
        migrations.RemoveField(model_name="activity", name="url"),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["target_type", "target_id"], name="activity_target"),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["thread_id"], name="activity_thread"),
        ),
    ]
