"""Each post's HTML on a thread page, rendered once and reused while nothing in it changed.

Rendering thirty posts through their template was two thirds of a thread page's time. The
cache key is a digest of everything the fragment shows, taken from the rows this very
request loaded (the rendered body, hidden flag, helpful count, accepted answer, author's
name and avatar) and of the viewer's buttons (member, gardener, own post, marked helpful,
may edit, accept or reply). An edit, hide, unhide, helpful mark, accepted answer, move or
renamed author therefore makes a new key: a copy made for other eyes or before a change
is never looked up, and no write path has to remember to invalidate anything. Stale
entries simply age out.

Two things differ from one request to the next and are swapped into the cached text: the
post's time ("3 hours ago", dated in the viewer's time zone) and the CSRF token of the
buttons. The markers are derived from SECRET_KEY, so they are the same in every worker
(the cache is shared) and no user text can contain them by chance or on purpose.
"""

import hashlib
from functools import cache as once

from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

TEMPLATE = "discussions/_partials/post.html"
# Templates the fragment is made of: a change to either (a deploy) is a new key.
SOURCES = (TEMPLATE, "_partials/avatar.html")
# A day bounds anything outside the key (a new translation catalogue after a deploy).
TIMEOUT = 24 * 3600


@once
def _markers() -> tuple[str, str]:
    # Hex only: autoescaping leaves them as they are.
    digest = salted_hmac("discussions.post_fragments", "markers").hexdigest()
    return f"csrf{digest[:24]}", f"time{digest[24:48]}"


@once
def _templates_digest() -> str:
    sources = "".join(get_template(name).template.source for name in SOURCES)
    return hashlib.blake2b(sources.encode(), digest_size=8).hexdigest()


def _time_html(post) -> SafeString:
    created = timezone.localtime(post.created_at)
    return format_html(
        '<time datetime="{}">{}</time>', format_date(created, "c"), naturaltime(post.created_at)
    )


def _key(post, page: dict, viewer_pk) -> str:
    """Everything the fragment shows, for this post and this viewer's buttons."""
    author = post.author
    thread = page["thread"]
    parts = (
        _templates_digest(),
        get_language(),
        post.pk,
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
        post.author_id in page["guest_authors"],
        page["page_number"],
        bool(page["is_moderator"]),
        page["membership"] is not None,
        viewer_pk is not None and post.author_id == viewer_pk,
        post.pk in page["marked_helpful"],
        post.pk in page["editable"],
        bool(page["can_accept"]),
        bool(page["can_reply"]),
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"post-html:{post.pk}:{digest}"


def attach_post_html(request, posts, page: dict) -> None:
    """Set ``post.html`` on each post: one cache read for the page, a render for each miss.

    ``page`` holds the thread page's context: thread, community, guest_authors,
    page_number, is_moderator, membership, marked_helpful, editable, can_accept, can_reply.
    """
    posts = list(posts)
    if not posts:
        return
    csrf_marker, time_marker = _markers()
    viewer_pk = request.user.pk if request.user.is_authenticated else None
    keys = {post.pk: _key(post, page, viewer_pk) for post in posts}
    found = cache.get_many(list(set(keys.values())))
    missing = {}
    template = get_template(TEMPLATE)
    for post in posts:
        html = found.get(keys[post.pk])
        if html is None:
            context = {
                **page,
                "post": post,
                "user": request.user,
                "csrf_token": csrf_marker,
                "post_time": time_marker,
            }
            html = missing[keys[post.pk]] = str(template.render(context))
        post.html = html
    if missing:
        cache.set_many(missing, TIMEOUT)
    # Buttons are there only for members and gardeners; anonymous pages take no token.
    token = get_token(request) if any(csrf_marker in post.html for post in posts) else ""
    for post in posts:
        html = post.html.replace(time_marker, _time_html(post))
        post.html = mark_safe(html.replace(csrf_marker, token) if token else html)  # noqa: S308
