"""Members choose, per community, how often it writes: daily, weekly or off."""

import pytest
from django.urls import reverse

from core.errors import ActionError
from digests.models import DigestPreference, Frequency
from digests.services import digest_frequencies, set_digest_frequency
from tests.factories import CommunityFactory

pytestmark = pytest.mark.django_db

URL = reverse("digests:preferences")


def field(community) -> str:
    return f"community_{community.pk}"


def test_the_page_lists_my_communities_with_weekly_by_default(client, community, reader):
    CommunityFactory(name="Not mine")
    client.force_login(reader)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Northfield staffroom" in page and "Not mine" not in page
    assert f'name="{field(community)}" value="weekly"' in page
    assert "checked" in page.split('value="weekly"')[1].split(">")[0]


def test_saving_a_choice(client, community, reader):
    client.force_login(reader)
    response = client.post(URL, {field(community): "daily"})
    assert response.status_code == 302
    assert digest_frequencies(reader) == {community.pk: Frequency.DAILY}
    client.post(URL, {field(community): "off"})
    assert DigestPreference.objects.get(user=reader).frequency == Frequency.OFF


@pytest.mark.parametrize(
    "value, message",
    [("hourly", "Choose daily, weekly or off."), ("", "Choose how often you hear")],
)
def test_a_bad_value_is_refused_with_a_message(client, community, reader, value, message):
    client.force_login(reader)
    response = client.post(URL, {field(community): value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DigestPreference.objects.exists()


def test_a_missing_field_is_refused(client, community, reader):
    client.force_login(reader)
    response = client.post(URL, {})
    assert response.status_code == 400
    assert not DigestPreference.objects.exists()


def test_another_communitys_field_is_ignored(client, community, reader):
    elsewhere = CommunityFactory()
    client.force_login(reader)
    response = client.post(URL, {field(community): "weekly", field(elsewhere): "daily"})
    assert response.status_code == 302
    assert not DigestPreference.objects.filter(community=elsewhere).exists()


def test_the_service_refuses_bad_values_and_outsiders(community, reader, outsider):
    with pytest.raises(ActionError, match="daily, weekly or off"):
        set_digest_frequency(user=reader, community=community, frequency="sometimes")
    with pytest.raises(ActionError) as refused:
        set_digest_frequency(user=outsider, community=community, frequency="daily")
    assert refused.value.status == 404


def test_someone_in_no_community_is_told_so(client, outsider):
    client.force_login(outsider)
    response = client.get(URL)
    assert response.status_code == 200
    assert "nothing to choose" in response.content.decode()


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_notification_settings_link_here(client, reader):
    client.force_login(reader)
    assert URL in client.get(reverse("notifications:preferences")).content.decode()
