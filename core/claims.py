"""Exactly-once mail: claim a row's "sent" stamp before sending."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import QuerySet
from django.utils import timezone


@contextmanager
def claimed(rows: QuerySet, field: str) -> Iterator[bool]:
    """Mark rows as sent before sending; yield whether this worker won the claim.

    Tasks are acknowledged late, so the broker may deliver one twice: the conditional
    update lets exactly one delivery through. If sending fails the claim is released,
    so the retry can try again.
    """
    won = rows.filter(**{f"{field}__isnull": True}).update(**{field: timezone.now()}) > 0
    try:
        yield won
    except Exception:
        if won:
            rows.update(**{field: None})
        raise
