"""The notifications policy: one's own, and only while the thread is still readable."""

import pytest

from notifications.permissions import notifications
from tests.permissions.conftest import SIGNED_IN, THREADS, reads_thread, sign_in

ABOUT = [*THREADS, "hidden-post"]
NOTIFICATION_CELLS = [
    pytest.param(who, key, id=f"{who}-{key}") for who in sorted(SIGNED_IN) for key in ABOUT
]


def sees_notification(who: str, key: str) -> bool:
    """Copies of the thread's flags carry its rule; a hidden post's drops out for everyone."""
    return key != "hidden-post" and reads_thread(who, key)


@pytest.mark.parametrize(("who", "key"), NOTIFICATION_CELLS)
def test_view_and_the_queryset_agree(fresh, who, key):
    user, notification = fresh.viewer(who), fresh.notifications[who, key]

    allowed = notifications.can_view(user, notification)

    assert allowed is sees_notification(who, key)
    assert notifications.visible(user).filter(pk=notification.pk).exists() is allowed
    assert notifications.can_mark_read(user, notification) is allowed


@pytest.mark.parametrize("who", sorted(SIGNED_IN))
def test_nobody_sees_anyone_elses(fresh, who):
    user = fresh.viewer(who)
    others = [n for (recipient, _key), n in fresh.notifications.items() if recipient != who]

    assert not any(notifications.can_view(user, n) for n in others)
    assert not notifications.visible(user).filter(pk__in=[n.pk for n in others]).exists()
    assert not notifications.visible(fresh.viewer("stranger")).exists()


@pytest.mark.parametrize(("who", "key"), NOTIFICATION_CELLS)
def test_following_a_notification_answers_302_or_404(fresh, client, who, key):
    sign_in(client, fresh, who)

    response = client.get(f"/notifications/{fresh.notifications[who, key].pk}/")

    assert response.status_code == (302 if sees_notification(who, key) else 404)
