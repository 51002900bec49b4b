"""The admin's forms refuse bad input with their errors, never a 500."""

import pytest

from communities.models import Membership
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("posted", [":", "abc", "1.5", str(2**70)])
def test_an_autocomplete_field_given_no_key_shows_the_form_again(client, community, posted):
    membership = add_member(community)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        f"/admin/communities/membership/{membership.pk}/change/",
        {
            "community": community.pk,
            "user": posted,
            "role": "member",
            "level": "peripheral",
            "changes-TOTAL_FORMS": "0",
            "changes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    membership.refresh_from_db()
    assert Membership.objects.get(pk=membership.pk).user_id == membership.user_id
