"""Form-token claims are kept for SUBMISSION_TOKEN_DAYS, then forgotten by a nightly task."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.models import Submission
from core.tasks import forget_old_submissions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def claim(user, token: str) -> Submission:
    return Submission.objects.create(token=token, user=user, kind="thread", fingerprint="x")


def test_claims_older_than_the_setting_are_forgotten_and_recent_ones_kept(settings):
    settings.SUBMISSION_TOKEN_DAYS = 30
    user = UserFactory()
    now = timezone.now()
    with time_machine.travel(now - timedelta(days=31)):
        claim(user, "old-token-aaaaaaaaaaaa")
    with time_machine.travel(now - timedelta(days=29)):
        claim(user, "recent-token-bbbbbbbbbb")
    with time_machine.travel(now, tick=False):
        assert forget_old_submissions() == 1
    assert list(Submission.objects.values_list("token", flat=True)) == ["recent-token-bbbbbbbbbb"]


def test_the_prune_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "core.tasks.forget_old_submissions" in tasks
