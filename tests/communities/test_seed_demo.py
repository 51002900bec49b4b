"""`manage.py seed_demo` loads the demo world, shows progress, and can be re-run safely."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from communities.models import Activity, Community, Membership, MembershipChange
from communities.models.choices import Role
from demo.people import COMMUNITIES, PEOPLE

pytestmark = pytest.mark.django_db

User = get_user_model()


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, EmailAddress, Community, Membership, MembershipChange, Activity)
    }


def _expected_memberships() -> int:
    return sum(
        len({*spec["gardeners"], *spec["sponsors"], *spec["members"]}) for spec in COMMUNITIES
    )


def test_seed_demo_loads_the_demo_world(demo_world):
    output = demo_world.output

    assert f"[1/{len(COMMUNITIES)}]" in output
    assert "Demo data ready." in output
    assert Community.objects.count() == len(COMMUNITIES)
    assert User.objects.count() == len(PEOPLE) + 1  # and the operator
    assert Membership.objects.count() == _expected_memberships()
    assert User.objects.get(username="admin").is_superuser


def test_seed_demo_twice_duplicates_nothing(demo_world):
    first = _counts()

    output = _seed()

    assert "Demo data ready." in output
    assert _counts() == first
    assert first["Community"] == len(COMMUNITIES)
    assert first["Membership"] == _expected_memberships()


def test_seed_demo_gives_roles_levels_and_trajectories(demo_world):
    def membership(slug, username):
        return Membership.objects.get(community__slug=slug, user__username=username)

    assert membership("northfield-elearning", "amara").role == Role.GARDENER
    assert membership("northfield-elearning", "marta").role == Role.SPONSOR
    assert membership("social-work-practice", "grace").role == Role.GARDENER
    ben = membership("northfield-elearning", "ben")
    assert (ben.role, ben.level) == (Role.MEMBER, "core")
    climb = list(
        ben.changes.filter(field="level").order_by("created_at").values_list("new_value", flat=True)
    )
    assert climb == ["peripheral", "occasional", "active", "core"]
    # Levels are earned from the demo ledger: dev's first thread got answers (occasional);
    # fatima reads but has not contributed yet.
    assert membership("northfield-elearning", "dev").level == "occasional"
    assert membership("northfield-elearning", "fatima").level == "peripheral"
    assert Community.objects.get(slug="peer-supervision").visibility == "private"
    assert Community.objects.get(slug="bridge-field-notes").visibility == "unlisted"


def test_seed_demo_restores_a_missing_membership_without_touching_the_rest():
    _seed()
    Membership.objects.get(community__slug="adult-literacy-tutors", user__username="ian").delete()
    before = Membership.objects.count()

    _seed()
    _seed()

    assert Membership.objects.count() == before + 1
    ian = Membership.objects.get(community__slug="adult-literacy-tutors", user__username="ian")
    assert ian.level == "active"


def test_demo_people_can_sign_in(demo_world, client):
    response = client.post(
        "/accounts/login/", {"login": "dev@example.org", "password": "practice-together"}
    )

    assert response.status_code == 302
    assert client.get("/").context["user"].username == "dev"


def test_seed_demo_again_keeps_the_visits_people_made(demo_world):
    membership = Membership.objects.filter(community__slug="northfield-elearning").first()
    visited = timezone.now() - timedelta(minutes=5)
    Membership.objects.filter(pk=membership.pk).update(last_visited_at=visited)

    _seed()

    membership.refresh_from_db()
    assert membership.last_visited_at == visited
