"""Other apps add actions and panels to a thread page through copsite.extensions."""

import pytest
from django.apps import apps

from core.extensions import ThreadAction, ThreadPanel, thread_actions, thread_panels
from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(monkeypatch):
    """Plug a provider into an app that has none, as assets or meetings would."""
    seen = []

    def actions(*, thread, user, behaviour_codes):
        seen.append(behaviour_codes)
        if "visits" not in behaviour_codes:
            return []
        return [ThreadAction(label="Propose a visit", url="/visit/", explanation="Go and see.")]

    def panels(*, thread, user, behaviour_codes):
        return [ThreadPanel(template="discussions/_partials/behaviour_badges.html", context={})]

    config = apps.get_app_config("accounts")
    monkeypatch.setattr(config, "thread_actions", actions, raising=False)
    monkeypatch.setattr(config, "thread_panels", panels, raising=False)
    return seen


def test_providers_get_the_threads_behaviour_codes(community, member, provider):
    thread = ThreadFactory(
        community=community, behaviour_codes=["visits", "coordination-and-synergy"]
    )

    actions = thread_actions(thread=thread, user=member)

    assert provider == [frozenset({"visits", "coordination-and-synergy"})]
    assert [a.label for a in actions] == ["Propose a visit"]
    assert len(thread_panels(thread=thread, user=member)) == 1


def test_the_thread_page_shows_what_the_thread_can_lead_to(community, member, client, provider):
    thread = ThreadFactory(community=community, behaviour_codes=["visits"])
    client.force_login(member)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert "What this thread can lead to" in content
    assert 'href="/visit/"' in content
    assert "Go and see." in content


def test_no_row_when_no_provider_offers_anything(community, member, client, provider):
    thread = ThreadFactory(community=community, behaviour_codes=["problem-solving"])
    client.force_login(member)

    content = client.get(thread.get_absolute_url()).content.decode()

    assert "What this thread can lead to" not in content


def test_later_pages_of_a_thread_do_not_repeat_them(community, member, client, provider):
    thread = ThreadFactory(community=community, behaviour_codes=["visits"])
    client.force_login(member)

    content = client.get(thread.get_absolute_url() + "?page=2").content.decode()

    assert content.count("What this thread can lead to") <= 1
