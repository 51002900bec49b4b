"""The profile page (and what it hides) and editing one's own profile, avatar included."""

import io
import os
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.middleware import UserTimezoneMiddleware
from communities import services
from communities.models.choices import Level
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = pytest.mark.django_db


def _image(fmt: str = "JPEG", size=(600, 400), name: str = "holiday.jpg", mode: str = "RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, color=0).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def _form(**changes):
    data = {
        "display_name": "Nia Okoro",
        "practice": "ESOL tutor",
        "bio": "I teach English to adults.",
        "timezone": "Europe/London",
    }
    return data | changes


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


# --- editing ---------------------------------------------------------------------------


def test_edit_page_needs_sign_in(client):
    response = client.get("/profile/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_edit_profile_saves_the_fields(signed_in, user):
    response = signed_in.post(
        "/profile/edit/", _form(display_name="  Nia Okoro  ", bio="  Adults, mostly. ")
    )

    assert response.status_code == 302
    assert response["Location"] == f"/u/{user.username}/"
    user.refresh_from_db()
    assert user.display_name == "Nia Okoro"
    assert user.practice == "ESOL tutor"
    assert user.bio == "Adults, mostly."
    assert user.timezone == "Europe/London"


def test_the_profile_shows_the_edits(signed_in, user):
    signed_in.post("/profile/edit/", _form())

    content = signed_in.get(f"/u/{user.username}/").content.decode()

    assert "Nia Okoro" in content
    assert "ESOL tutor" in content
    assert "I teach English to adults." in content
    assert "Edit profile" in content


def test_an_unknown_time_zone_is_refused(signed_in, user):
    old_name = user.display_name

    response = signed_in.post("/profile/edit/", _form(timezone="Mars/Olympus_Mons"))

    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    user.refresh_from_db()
    assert (user.timezone, user.display_name) == ("UTC", old_name)


def test_an_over_long_display_name_is_refused(signed_in, user):
    response = signed_in.post("/profile/edit/", _form(display_name="x" * 81))

    assert response.status_code == 400
    assert "at most 80 characters" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name != "x" * 81


def test_avatar_is_reencoded_as_png_with_a_random_name(signed_in, user):
    response = signed_in.post("/profile/edit/", _form(avatar=_image(name="../../me.jpg")))

    assert response.status_code == 302
    user.refresh_from_db()
    assert re.fullmatch(r"avatars/[0-9a-f]{32}\.png", user.avatar.name)
    with default_storage.open(user.avatar.name) as stored, Image.open(stored) as image:
        assert image.format == "PNG"
        assert max(image.size) == 256  # shrunk to the avatar size, proportions kept
        assert image.size == (256, 171)


def test_two_uploads_of_the_same_file_get_different_names(signed_in, user):
    signed_in.post("/profile/edit/", _form(avatar=_image(name="me.jpg")))
    user.refresh_from_db()
    first = user.avatar.name

    signed_in.post("/profile/edit/", _form(avatar=_image(name="me.jpg")))
    user.refresh_from_db()

    assert user.avatar.name != first
    assert not default_storage.exists(first)  # the replaced file is deleted
    assert default_storage.exists(user.avatar.name)


def test_remove_avatar(signed_in, user):
    signed_in.post("/profile/edit/", _form(avatar=_image()))
    user.refresh_from_db()
    stored = user.avatar.name

    signed_in.post("/profile/edit/", _form(remove_avatar="on"))

    user.refresh_from_db()
    assert not user.avatar
    assert not default_storage.exists(stored)


def test_a_text_file_renamed_png_is_refused(signed_in, user):
    fake = SimpleUploadedFile("avatar.png", b"#!/bin/sh\necho not an image\n", "image/png")

    response = signed_in.post("/profile/edit/", _form(avatar=fake))

    assert response.status_code == 400
    assert "Upload a valid image." in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar
    assert user.display_name != "Nia Okoro"  # nothing else was half-saved either


def _noisy_png(side: int, name: str = "big.png") -> SimpleUploadedFile:
    """Random pixels do not compress: a real image whose file is about 3 x side**2 bytes."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(3 * side * side)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def test_an_avatar_over_two_megabytes_is_refused(signed_in, user):
    upload = _noisy_png(1000)
    assert upload.size > 2 * 1024 * 1024

    response = signed_in.post("/profile/edit/", _form(avatar=upload))

    assert response.status_code == 400
    assert "The avatar is too large; use an image under 2 MB." in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar
    assert user.display_name != "Nia Okoro"


def test_the_avatar_size_limit_is_a_setting(signed_in, user, settings):
    settings.AVATAR_MAX_BYTES = 10_000
    upload = _noisy_png(100)
    assert upload.size > 10_000

    response = signed_in.post("/profile/edit/", _form(avatar=upload))

    assert response.status_code == 400
    assert "too large" in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar


def test_an_image_format_we_do_not_take_is_refused(signed_in, user):
    response = signed_in.post("/profile/edit/", _form(avatar=_image(fmt="BMP", name="me.bmp")))

    assert response.status_code == 400
    assert "Use a JPEG, PNG, GIF or WebP image." in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar


def test_an_image_with_too_many_pixels_is_refused(signed_in, user):
    wide = _image(fmt="PNG", name="wide.png", size=(8000, 6000), mode="1")

    response = signed_in.post("/profile/edit/", _form(avatar=wide))

    assert response.status_code == 400
    assert "The image has too many pixels." in response.content.decode()
    user.refresh_from_db()
    assert not user.avatar


# --- the profile page and privacy -----------------------------------------------------


@pytest.fixture
def person_in_two_worlds(db):
    """Someone in a public community and a private one, with a level history in both."""
    person = UserFactory(display_name="Nia Okoro")
    public = CommunityFactory(name="Adult literacy tutors", visibility="public")
    private = CommunityFactory(
        name="Peer supervision circle", visibility="private", join_policy="invite"
    )
    services.join_community(user=person, community=public)
    hidden = add_member(private, user=person)
    gardener = private.memberships.get(role="gardener").user
    services.override_member_level(
        actor=gardener, membership=hidden, level=Level.CORE, reason="Holds the circle together"
    )
    return person, public, private


def _profile(client, person):
    response = client.get(f"/u/{person.username}/")
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("viewer", ["visitor", "outsider"])
def test_profile_hides_private_memberships_and_trajectory(person_in_two_worlds, client, viewer):
    person, public, private = person_in_two_worlds
    if viewer == "outsider":
        client.force_login(UserFactory())

    response = _profile(client, person)

    content = response.content.decode()
    assert "Adult literacy tutors" in content
    assert "Peer supervision circle" not in content
    assert "Holds the circle together" not in content
    assert f"/c/{private.slug}/" not in content
    assert [m.community for m in response.context["memberships"]] == [public]
    assert {c.community for c in response.context["trajectory"]} == {public}


def test_fellow_members_see_the_private_community_on_the_profile(person_in_two_worlds, client):
    person, _public, private = person_in_two_worlds
    client.force_login(add_member(private).user)

    content = _profile(client, person).content.decode()

    assert "Adult literacy tutors" in content
    assert "Peer supervision circle" in content
    # A gardener's reason for a level is for the person and the gardeners, not the members.
    assert "Holds the circle together" not in content


def test_the_person_and_the_gardeners_read_the_reason(person_in_two_worlds, client):
    person, _public, private = person_in_two_worlds
    gardener = private.memberships.get(role="gardener").user

    for viewer in (person, gardener):
        client.force_login(viewer)
        assert "Holds the circle together" in _profile(client, person).content.decode()


def test_anonymous_visitors_never_read_reasons(person_in_two_worlds, client):
    person, public, _private = person_in_two_worlds
    gardener = public.memberships.get(role="gardener").user
    membership = public.memberships.get(user=person)
    from communities import services

    services.override_member_level(
        actor=gardener, membership=membership, level="core", reason="Stepped back after a complaint"
    )

    assert "Stepped back" not in _profile(client, person).content.decode()


def test_people_see_all_of_their_own_profile(person_in_two_worlds, client):
    person, _public, _private = person_in_two_worlds
    client.force_login(person)

    content = _profile(client, person).content.decode()

    assert "Peer supervision circle" in content
    assert "Edit profile" in content


def test_other_peoples_profiles_have_no_edit_link(person_in_two_worlds, client):
    person, _public, _private = person_in_two_worlds
    client.force_login(UserFactory())

    assert "Edit profile" not in _profile(client, person).content.decode()


def test_inactive_people_have_no_profile(client):
    person = UserFactory(is_active=False)
    response = client.get(f"/u/{person.username}/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


# --- time zones -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Tokyo", "Asia/Tokyo"), ("Mars/Olympus_Mons", "UTC"), (None, "UTC")],
)
def test_pages_are_shown_in_the_members_time_zone(rf, zone, expected):
    seen = []
    middleware = UserTimezoneMiddleware(
        lambda request: seen.append(timezone.get_current_timezone_name())
    )
    request = rf.get("/")
    request.user = AnonymousUser() if zone is None else UserFactory(timezone=zone)

    middleware(request)

    assert seen == [expected]
