"""Display names cannot hide or reorder text, and twins are told apart by @username."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import update_profile
from core.errors import ActionError
from discussions import services as discussions
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db

HIDDEN = [
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\u200e",
    "\u200f",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
]


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_the_profile_form_refuses_hidden_characters(client, char):
    person = UserFactory(display_name="Alex")
    client.force_login(person)

    response = client.post(
        reverse("edit_profile"),
        {"display_name": f"Ad{char}min", "practice": "", "bio": "", "timezone": "UTC"},
    )

    assert response.status_code in {200, 400}
    assert "invisible or direction-changing" in response.content.decode()
    assert User.objects.get(pk=person.pk).display_name == "Alex"
    with pytest.raises(ActionError) as refused:
        update_profile(
            user=person, display_name=f"x{char}", practice="", bio="", timezone="UTC"
        )
    assert refused.value.field == "display_name"


def test_ordinary_names_in_any_script_are_kept():
    person = UserFactory()
    for name in ("Zoë O'Brien-Ng", "محمد علي", "李小龍", "Ana María"):
        update_profile(user=person, display_name=name, practice="", bio="", timezone="UTC")
        assert person.name == name


def test_two_people_with_one_name_are_shown_with_their_usernames(client):
    community = CommunityFactory(visibility="public", slug="circle")
    first = add_member(community, UserFactory(username="sam_a", display_name="Sam Lee")).user
    second = add_member(community, UserFactory(username="sam_b", display_name="sam lee")).user
    alone = add_member(community, UserFactory(username="kim", display_name="Kim Park")).user
    thread = discussions.create_thread(
        author=first, community=community, title="Hello", body="Hi", behaviour_codes=["visits"]
    )
    discussions.reply_to_thread(author=second, thread=thread, body="Hi back")
    discussions.reply_to_thread(author=alone, thread=thread, body="And me")

    for url in (thread.get_absolute_url(), reverse("communities:members", args=["circle"])):
        page = client.get(url).content.decode()
        assert "Sam Lee (@sam_a)" in page, url
        assert "sam lee (@sam_b)" in page, url
        assert "Kim Park" in page and "(@kim)" not in page, url

    second.display_name = "Samuel Lee"
    second.save()
    page = client.get(reverse("communities:members", args=["circle"])).content.decode()
    assert "(@sam_a)" not in page and "Samuel Lee" in page


def test_a_display_name_that_is_someone_elses_username_is_told_apart():
    UserFactory(username="gardener", display_name="")
    poser = UserFactory(username="poser", display_name="gardener")

    assert poser.name == "gardener (@poser)"
