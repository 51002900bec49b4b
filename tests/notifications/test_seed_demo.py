import io

import pytest
from django.core.management import call_command

from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_demo_notifications_are_dated_like_their_posts_and_not_mailed(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        _seed()

    assert Notification.objects.exists()
    assert not Notification.objects.filter(emailed_at=None).exists()
    assert Notification.objects.filter(
        created_at__lt=Notification.objects.latest("created_at").created_at
    ).exists()  # spread over the past weeks, not all "now"
    assert queued  # the email tasks were queued, and each found its row already claimed
    assert not [m for m in mailoutbox if "notification choices" in m.body]


def test_seeding_twice_changes_nothing(demo_world):
    before = list(Notification.objects.values_list("pk", "created_at", "emailed_at"))

    assert "Demo notifications: 0 dated" in _seed()

    assert list(Notification.objects.values_list("pk", "created_at", "emailed_at")) == before
