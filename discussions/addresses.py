"""Addresses of threads and posts, for ``core.targets`` (registered in ready)."""

from discussions.models import Post, Thread


def thread_urls(ids: list[int]) -> dict[int, str]:
    found = Thread.objects.filter(pk__in=ids).select_related("community")
    return {t.pk: t.get_absolute_url() for t in found.only("community__slug")}


def post_urls(ids: list[int]) -> dict[int, str]:
    found = Post.objects.filter(pk__in=ids).select_related("thread__community")
    return {p.pk: p.get_absolute_url() for p in found.only("number", "thread__community__slug")}
