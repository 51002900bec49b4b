"""The posts policy, viewer by post: a post reads as its thread, a hidden one for gardeners."""

import pytest

from discussions.permissions import posts
from tests.permissions.conftest import MEMBERS, THREADS, cells, reads_thread, sign_in

POSTS = [f"{key}:{which}" for key in THREADS for which in ("opening", "reply")]
POSTS.append("public:hidden-reply")


def reads_post(who: str, key: str) -> bool:
    thread, _, which = key.partition(":")
    return reads_thread(who, thread) and (which != "hidden-reply" or who == "gardener")


def edits_post(who: str, key: str) -> bool:
    """Gardeners; the author (the member wrote them all) while the thread is open."""
    thread = key.partition(":")[0]
    return reads_post(who, key) and (who == "gardener" or (who == "member" and thread != "locked"))


def flags_post(who: str, key: str) -> bool:
    """Members flag, or mark helpful, someone else's post that is not hidden."""
    shown = not key.endswith("hidden-reply")
    return reads_post(who, key) and shown and who in MEMBERS and who != "member"


@pytest.mark.parametrize(("who", "key"), cells(POSTS))
def test_view_and_the_queryset_agree(fresh, who, key):
    user, post = fresh.viewer(who), fresh.posts[key]

    allowed = posts.can_view(user, post)

    assert allowed is reads_post(who, key)
    assert posts.visible(user).filter(pk=post.pk).exists() is allowed


@pytest.mark.parametrize(("who", "key"), cells(POSTS))
def test_what_a_viewer_may_do_with_a_post(fresh, who, key):
    user, post = fresh.viewer(who), fresh.posts[key]

    assert posts.can_edit(user, post) is edits_post(who, key)
    assert posts.can_flag(user, post) is flags_post(who, key)
    assert posts.can_mark_helpful(user, post) is flags_post(who, key)


def _expected(who: str, key: str, allowed: bool) -> int:
    if who == "stranger":
        return 302  # signing in comes first
    if not reads_post(who, key):
        return 404
    return 200 if allowed else 403


@pytest.mark.parametrize(
    ("who", "key"), cells(["public:opening", "private:opening", "hidden:opening", "locked:opening"])
)
def test_the_edit_page_answers_200_403_or_404(fresh, client, who, key):
    sign_in(client, fresh, who)
    post = fresh.posts[key]

    response = client.get(f"{post.thread.get_absolute_url()}posts/{post.number}/edit/")

    assert response.status_code == _expected(who, key, edits_post(who, key))


@pytest.mark.parametrize(
    ("who", "key"), cells(["public:reply", "unlisted:reply", "public:hidden-reply"])
)
def test_the_flag_page_answers_200_403_or_404(fresh, client, who, key):
    sign_in(client, fresh, who)
    post = fresh.posts[key]

    response = client.get(f"{post.thread.get_absolute_url()}posts/{post.number}/flag/")

    assert response.status_code == _expected(who, key, flags_post(who, key))
