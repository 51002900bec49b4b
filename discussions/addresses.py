"""Addresses of threads and posts, for ``core.targets`` (registered in ready)."""

from core.targets import Shown
from discussions.models import Post, Thread


def thread_urls(ids: list[int]) -> dict[int, str]:
    found = Thread.objects.filter(pk__in=ids).select_related("community")
    return {t.pk: t.get_absolute_url() for t in found.only("community__slug")}


def post_urls(ids: list[int]) -> dict[int, str]:
    found = Post.objects.filter(pk__in=ids).select_related("thread__community")
    return {p.pk: p.get_absolute_url() for p in found.only("number", "thread__community__slug")}


def thread_standing(ids: list[int]) -> dict[int, Shown]:
    found = Thread.objects.filter(pk__in=ids).values_list("pk", "members_only", "hidden")
    return {
        pk: Shown(open=not (members_only or hidden), withdrawn=hidden)
        for pk, members_only, hidden in found
    }


def post_standing(ids: list[int]) -> dict[int, Shown]:
    found = Post.objects.filter(pk__in=ids).values_list(
        "pk", "hidden", "thread__members_only", "thread__hidden"
    )
    return {
        pk: Shown(
            open=not (hidden or members_only or thread_hidden), withdrawn=hidden or thread_hidden
        )
        for pk, hidden, members_only, thread_hidden in found
    }
