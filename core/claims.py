"""Exactly-once mail, safe against a worker that dies mid-run.

Every kind of mail (digests, notifications, reminders, invitations, join requests) goes
out through ``send_once``: claim the message by its key (a row of its own, committed at
once), send with no transaction open, then mark it sent. A failed send gives the claim
back. A claim never marked sent within ``MAIL_CLAIM_STALE_SECONDS`` was held by a worker
that died; the next run of the same task (Celery redelivers unacknowledged tasks, and
beat runs the scans again) takes it over. So nothing is lost, and a message is sent twice
only when a worker died between the mail server's accept and the mark.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core.models import MailClaim


def send_once(key: str, send: Callable[[], None]) -> bool:
    """Send the message ``key`` names unless it went out already; True if this call sent it."""
    run = uuid.uuid4()
    if not _claim(key, run):
        return False
    deliver(key, run, send)
    return True


def _claim(key: str, run: uuid.UUID) -> bool:
    now = timezone.now()
    try:
        with transaction.atomic():
            MailClaim.objects.create(key=key, claimed_at=now, run=run)
        return True
    except IntegrityError:
        stale = now - timedelta(seconds=settings.MAIL_CLAIM_STALE_SECONDS)
        # Taken over only from a run that died; the conditional update lets one run in.
        return bool(
            MailClaim.objects.filter(key=key, sent_at=None, claimed_at__lt=stale).update(
                claimed_at=now, run=run
            )
        )


def claim_many(keys: list[str]) -> tuple[set[str], uuid.UUID]:
    """Claim many messages in three queries; return the keys this run won and its token.

    Send each won one with ``deliver``. For runs of many letters (digests), where a query
    per claim would be most of the run's cost.
    """
    now, run = timezone.now(), uuid.uuid4()
    MailClaim.objects.bulk_create(
        [MailClaim(key=key, claimed_at=now, run=run) for key in keys], ignore_conflicts=True
    )
    stale = now - timedelta(seconds=settings.MAIL_CLAIM_STALE_SECONDS)
    MailClaim.objects.filter(key__in=keys, sent_at=None, claimed_at__lt=stale).update(
        claimed_at=now, run=run
    )
    won = MailClaim.objects.filter(key__in=keys, sent_at=None, run=run)
    return set(won.values_list("key", flat=True)), run


def deliver(key: str, run: uuid.UUID, send: Callable[[], None]) -> None:
    """Send a message ``run`` has claimed and mark it sent: one query once it is out."""
    try:
        send()
    except BaseException:
        MailClaim.objects.filter(key=key, run=run, sent_at=None).delete()
        raise
    MailClaim.objects.filter(key=key, run=run).update(sent_at=timezone.now())


def sent_keys(keys: list[str]) -> set[str]:
    return set(
        MailClaim.objects.filter(key__in=keys).exclude(sent_at=None).values_list("key", flat=True)
    )


def sent(key: str) -> bool:
    return MailClaim.objects.filter(key=key).exclude(sent_at=None).exists()


def send_and_stamp(rows: QuerySet, field: str, send: Callable[[], None]) -> bool:
    """``send_once`` for the one row ``rows`` holds, keyed by its model, id and ``field``;
    once the message is out, ``field`` records when (pages and scans read it)."""
    pk = rows.filter(**{f"{field}__isnull": True}).values_list("pk", flat=True).first()
    if pk is None:
        return False
    if not send_once(f"{rows.model._meta.label_lower}:{pk}:{field}", send):
        return False
    rows.model.objects.filter(pk=pk).update(**{field: timezone.now()})
    return True
