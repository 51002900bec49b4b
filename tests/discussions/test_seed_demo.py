"""`manage.py seed_demo` also loads demo threads in every standard behaviour, once."""

import io

import pytest
from django.core.management import call_command

from communities.models import Activity
from demo.discussions_data import THREADS
from demo.history_data import THREADS as HISTORY
from discussions.models import Behaviour, CommunityBehaviour, Post, Thread

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Thread, Post, Activity, CommunityBehaviour)
    }


def test_seed_demo_starts_threads_in_all_nine_standard_behaviours(demo_world):
    output = demo_world.output

    assert f"Demo threads: {len(THREADS)} new, 0 already there." in output
    history = sum(len(threads) for threads in HISTORY.values())
    assert Thread.objects.count() == len(THREADS) + history
    used = set(Thread.objects.values_list("behaviours__code", flat=True))
    standard = set(Behaviour.objects.filter(is_standard=True).values_list("code", flat=True))
    assert len(standard) == 9
    assert standard <= used
    assert Thread.objects.filter(accepted_answer__isnull=False).exists()
    for thread in Thread.objects.all():
        assert thread.reply_count == thread.posts.count() - 1
        assert thread.posts.filter(number=1).exists()


def test_seed_demo_twice_creates_no_new_threads(demo_world):
    first = _counts()

    output = _seed()

    assert f"Demo threads: 0 new, {len(THREADS)} already there." in output
    assert _counts() == first
