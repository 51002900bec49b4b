"""Each post's HTML on a thread page, from the cache while nothing it shows changed.

See fragments.py for how the key, the time and the CSRF token work.
"""

from discussions.fragments import attach_html

TEMPLATES = ("discussions/_partials/post.html", "_partials/avatar.html")


def attach_post_html(request, posts, page: dict) -> None:
    """Set ``post.html`` on each post.

    ``page`` holds the thread page's context: thread, community,
    page_number, is_moderator, membership, marked_helpful, editable, can_accept, can_reply.
    """
    thread = page["thread"]
    viewer_pk = request.user.pk if request.user.is_authenticated else None

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
            page["membership"] is not None,
            viewer_pk is not None and post.author_id == viewer_pk,
            post.pk in page["marked_helpful"],
            post.pk in page["editable"],
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
