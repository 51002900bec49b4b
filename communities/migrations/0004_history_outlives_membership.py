import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    MembershipChange = apps.get_model("communities", "MembershipChange")
    for change in MembershipChange.objects.select_related("membership").iterator():
        change.community_id = change.membership.community_id
        change.user_id = change.membership.user_id
        change.save(update_fields=["community", "user"])


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0003_community_name_not_unique"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="membershipchange",
            name="community",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE,
                related_name="membership_changes", to="communities.community",
            ),
        ),
        migrations.AddField(
            model_name="membershipchange",
            name="user",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE,
                related_name="membership_changes", to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membershipchange",
            name="community",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="membership_changes", to="communities.community",
            ),
        ),
        migrations.AlterField(
            model_name="membershipchange",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="membership_changes", to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="membershipchange",
            name="membership",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                related_name="changes", to="communities.membership",
            ),
        ),
        migrations.AlterField(
            model_name="membershipchange",
            name="cause",
            field=models.CharField(
                choices=[
                    ("joined", "joined"), ("computed", "computed from activity"),
                    ("override", "set by a gardener"),
                    ("override_cleared", "gardener's setting cleared"),
                    ("role_change", "role changed"), ("left", "left the community"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddIndex(
            model_name="membershipchange",
            index=models.Index(fields=["user", "created_at"], name="trajectory"),
        ),
    ]
