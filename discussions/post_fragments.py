"""Each post's HTML on a thread page, from the cache while nothing it shows changed.

See fragments.py for how the key, the time and the CSRF token work.
"""

from discussions.fragments import attach_html

TEMPLATES = ("discussions/_partials/post.html", "_partials/avatar.html")


def attach_post_html(request, posts, page: dict) -> None:
    """Set ``post.html`` on each post.

    ``page`` holds the thread page's context: thread, community, page_number,
    is_moderator, marked_helpful, and what the viewer may do, as the policies answered it:
    editable, markable and flaggable (sets of post ids), can_accept, can_reply.
    """
    thread = page["thread"]

    def key(post) -> tuple:
        author = post.author
        return (
            post.number,
            post.hidden,
            post.helpful_count,
            post.edited_at is not None,
            post.body_html,
            post.author_id,
            (author.username, author.name, author.avatar.name) if author else None,
            thread.pk,
            thread.author_id,
            thread.accepted_answer_id == post.pk,
            page["community"].slug,
            post.by_guest,
            page["page_number"],
            # The viewer's buttons.
            bool(page["is_moderator"]),
            post.pk in page["marked_helpful"],
            post.pk in page["editable"],
            post.pk in page["markable"],
            post.pk in page["flaggable"],
            bool(page["can_accept"]),
            bool(page["can_reply"]),
        )

    attach_html(
        request,
        posts,
        templates=TEMPLATES,
        prefix="post-html",
        key=key,
        context=lambda post: {**page, "post": post, "user": request.user},
        moment=lambda post: post.created_at,
    )
