import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('communities', '0012_activity_withdrawn'),
    ]

    # Added without a default first, so existing memberships start with no visit (their
    # first digest covers the whole period); new memberships then default to joining time.
    operations = [
        migrations.AddField(
            model_name='membership',
            name='last_visited_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name='membership',
            name='last_visited_at',
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now, editable=False, null=True),
        ),
    ]
