from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.models import Submission


@shared_task
def forget_old_submissions() -> int:
    """Beat: drop form-token claims past the age at which a retry of their POST could come.

    A page left open longer than that and then sent makes a fresh claim, so nothing is lost.
    """
    cutoff = timezone.now() - timedelta(days=settings.SUBMISSION_TOKEN_DAYS)
    deleted, _ = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
