"""Demo notifications for `manage.py seed_demo`.

The demo threads already notified people as they were written; this dates each notification
like its post (the ledger has the back-dated times) and counts it as mailed, so a first run
sends no flood of old news. Run again, it finds nothing new to touch.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from communities.models import Activity
from notifications.models import Notification


def seed(stdout) -> None:
    def written_at(target_type: str, field: str):
        return Subquery(
            Activity.objects.filter(target_type=target_type, target_id=OuterRef(field))
            .order_by("created_at")
            .values("created_at")[:1]
        )

    fresh = Notification.objects.filter(emailed_at=None)
    dated = fresh.update(
        created_at=Coalesce(
            written_at("post", "post_id"), written_at("thread", "thread_id"), F("created_at")
        )
    )
    fresh.update(emailed_at=F("created_at"))
    stdout.write(f"Demo notifications: {dated} dated like their posts.")
