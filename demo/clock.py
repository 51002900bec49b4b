"""Run demo actions as if at a past moment.

Services, ``auto_now``/``auto_now_add`` fields and ``timezone.localdate`` all read
``django.utils.timezone.now`` when they run, so replacing it for the length of a call dates
everything that call writes. Tasks queued with ``delay_on_commit`` run after the seed's
transaction commits, outside the block, at the real time.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from unittest import mock


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", new=lambda: moment):
        yield
