"""The rows of a thread list, from the cache while nothing a row shows changed.

See fragments.py for how the key and the time work. A row shows the same to everyone who
may see the thread (the list query already left out what this viewer may not open).
"""

from discussions.fragments import attach_html

TEMPLATES = ("discussions/_partials/thread_row.html",)


def attach_row_html(request, threads, community) -> None:
    """Set ``thread.html`` on each thread of one community's list page."""

    def key(thread) -> tuple:
        return (
            community.slug,
            community.is_public,
            thread.title,
            thread.pinned,
            thread.locked,
            thread.hidden,
            thread.members_only,
            thread.accepted_answer_id is not None,
            thread.reply_count,
            [(b.code, b.name, b.explanation) for b in thread.behaviour_list],
            [(t.slug, t.name) for t in thread.tag_list],
            thread.author.name if thread.author else None,
            thread.last_poster.name if thread.last_poster else None,
        )

    attach_html(
        request,
        threads,
        templates=TEMPLATES,
        prefix="thread-row",
        key=key,
        context=lambda thread: {"thread": thread, "community": community},
        moment=lambda thread: thread.last_activity_at,
    )
