import pytest
from django.urls import reverse

from discussions import services as discussions
from notifications import services
from notifications.models import Delivery, EmailPreference, Kind, Notification

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def test_sensible_defaults(asker):
    assert services.email_preferences(asker) == {
        "reply": "immediately",
        "mention": "immediately",
        "accepted": "immediately",
        "followed": "digest",
    }


def test_a_new_notification_follows_the_preference(thread, asker, answerer):
    services.set_email_preference(user=asker, kind=Kind.REPLY, delivery=Delivery.DIGEST)
    discussions.reply_to_thread(author=answerer, thread=thread, body="A reply.")

    assert Notification.objects.get(recipient=asker).email == Delivery.DIGEST


def test_followed_threads_default_to_the_digest(community, asker, colleague):
    from tests.factories import ThreadFactory

    services.follow_behaviour(
        user=colleague, community=community, behaviour_code="visits", follow=True
    )
    ThreadFactory(community=community, author=asker, behaviour_codes=["visits"])

    assert Notification.objects.get(recipient=colleague).email == Delivery.DIGEST


def test_changing_a_preference_moves_what_is_still_waiting(thread, asker, answerer):
    discussions.reply_to_thread(author=answerer, thread=thread, body="A reply.")
    services.set_email_preference(user=asker, kind=Kind.REPLY, delivery=Delivery.OFF)

    assert Notification.objects.get(recipient=asker).email == Delivery.OFF


def test_unknown_values_are_refused(asker):
    with pytest.raises(Exception, match="Choose at once"):
        services.set_email_preference(user=asker, kind=Kind.REPLY, delivery="hourly")
    with pytest.raises(Exception, match="Unknown kind"):
        services.set_email_preference(user=asker, kind="gossip", delivery=Delivery.OFF)
    assert not EmailPreference.objects.exists()


def test_the_page_shows_and_saves_choices(client, asker):
    client.force_login(asker)
    assert client.get(URL).status_code == 200

    response = client.post(
        URL,
        {"reply": "digest", "mention": "immediately", "accepted": "off", "followed": "digest"},
    )

    assert response.status_code == 302
    assert services.email_preferences(asker) == {
        "reply": "digest",
        "mention": "immediately",
        "accepted": "off",
        "followed": "digest",
    }
    # Only what changed from the default is stored.
    assert EmailPreference.objects.filter(user=asker).count() == 2


def test_a_bad_value_is_a_form_error_and_nothing_changes(client, asker):
    client.force_login(asker)

    response = client.post(
        URL,
        {"reply": "hourly", "mention": "immediately", "accepted": "off", "followed": "digest"},
    )

    assert response.status_code == 400
    assert "Choose at once, in the digest, or no email." in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_a_missing_value_is_a_form_error(client, asker):
    client.force_login(asker)
    response = client.post(URL, {"reply": "digest"})
    assert response.status_code == 400
    assert "Choose how you hear about this." in response.content.decode()


def test_the_profile_edit_page_links_to_the_preferences(client, asker):
    client.force_login(asker)
    assert URL in client.get(reverse("edit_profile")).content.decode()
