"""Print the pages random mode draws from: every thread (topic) anyone may read, first page.

    python bench/page_lists.py threads > threads.txt      # our settings, or the peer's

Runs under our settings or Spirit's (it finds which app is installed), so both sites' lists
come from their own seeded rows: our public, visible, not members-only threads of public
communities; Spirit's topics that are not removed, in categories neither removed nor private.
"""

import sys

import django

django.setup()

from django.apps import apps  # noqa: E402


def ours() -> list[str]:
    Thread = apps.get_model("discussions", "Thread")
    threads = Thread.objects.filter(
        community__visibility="public", hidden=False, members_only=False
    ).select_related("community")
    return [thread.get_absolute_url() for thread in threads.order_by("pk")]


def spirit() -> list[str]:
    Topic = apps.get_model("spirit_topic", "Topic")
    topics = Topic.objects.filter(
        is_removed=False, category__is_removed=False, category__is_private=False
    )
    return [topic.get_absolute_url() for topic in topics.order_by("pk")]


if __name__ == "__main__":
    if sys.argv[1:] != ["threads"]:
        sys.exit(__doc__)
    print("\n".join(spirit() if apps.is_installed("spirit.topic") else ours()))
