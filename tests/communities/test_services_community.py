"""create_community and update_community: the rules, the history rows and the ledger."""

import pytest
from django.contrib.auth.models import AnonymousUser

from communities import services
from communities.ledger.addresses import with_urls
from communities.models import Activity, Community, Membership, MembershipChange
from communities.models.choices import Level, Role
from core.errors import ActionError
from tests.factories import UserFactory, add_member

pytestmark = pytest.mark.django_db


def test_create_community_makes_the_creator_its_first_gardener(user):
    community = services.create_community(
        creator=user, name="  Rural GP trainers ", tagline="Training in small practices"
    )

    assert community.name == "Rural GP trainers"
    assert community.slug == "rural-gp-trainers"
    assert community.created_by == user
    membership = Membership.objects.get(community=community)
    assert membership.user == user
    assert membership.role == Role.GARDENER
    assert membership.level == Level.PERIPHERAL


def test_create_community_writes_the_first_trajectory_rows(user):
    community = services.create_community(creator=user, name="Bridge engineers")

    changes = MembershipChange.objects.filter(membership__community=community)
    assert {(c.field, c.old_value, c.new_value, c.cause, c.changed_by) for c in changes} == {
        ("role", "", Role.GARDENER, MembershipChange.Cause.JOINED, user),
        ("level", "", Level.PERIPHERAL, MembershipChange.Cause.JOINED, user),
    }


def test_create_community_records_one_ledger_row(user):
    community = services.create_community(creator=user, name="Bridge engineers")

    activity = Activity.objects.get(community=community)
    assert activity.verb == Activity.Verb.COMMUNITY_CREATED
    assert activity.actor == user
    assert activity.target_type == "community"
    assert activity.target_id == community.pk
    assert activity.title == "Bridge engineers"
    assert with_urls([activity])[0].url == "/c/bridge-engineers/"
    assert activity.is_public is True


def test_ledger_rows_of_a_private_community_are_never_public(user):
    community = services.create_community(creator=user, name="Quiet circle", visibility="private")

    assert Activity.objects.get(community=community).is_public is False


def test_create_community_keeps_an_explicit_slug(user):
    community = services.create_community(creator=user, name="Bridge engineers", slug="bridges")
    assert community.slug == "bridges"


def test_a_long_name_gives_a_valid_derived_slug(user):
    # Cutting a long slug could end it on a hyphen, which the slug check then refuses;
    # it is cut short enough to leave room for a "-2" when the address is taken.
    name = "a" * 45 + " bridges and tunnels"
    community = services.create_community(creator=user, name=name)

    assert community.slug == "a" * 45
    assert len(community.slug) <= 50


def test_anonymous_people_cannot_create_communities():
    with pytest.raises(ActionError) as error:
        services.create_community(creator=AnonymousUser(), name="Bridge engineers")
    assert error.value.status == 403
    assert not Community.objects.exists()


def test_create_community_refuses_an_invalid_choice(user):
    with pytest.raises(ActionError) as error:
        services.create_community(creator=user, name="Bridge engineers", visibility="secret")
    assert error.value.field == "visibility"
    assert not Community.objects.exists()
    assert not Membership.objects.exists()


def test_update_community_saves_changes_and_records_activity(community, gardener):
    services.update_community(
        actor=gardener, community=community, tagline="A new tagline", stage="maturing"
    )

    community.refresh_from_db()
    assert community.tagline == "A new tagline"
    assert community.stage == "maturing"
    assert (
        Activity.objects.filter(
            community=community, verb=Activity.Verb.COMMUNITY_UPDATED, actor=gardener
        ).count()
        == 1
    )


def test_update_community_without_a_change_records_nothing(community, gardener):
    services.update_community(actor=gardener, community=community, tagline=community.tagline)

    assert not Activity.objects.filter(verb=Activity.Verb.COMMUNITY_UPDATED).exists()


def test_update_community_can_rename_within_the_same_name_case(community, gardener):
    services.update_community(actor=gardener, community=community, name=community.name.upper())

    community.refresh_from_db()
    assert community.name == community.name.upper()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.SPONSOR])
def test_only_gardeners_update_a_community(community, role):
    person = add_member(community, role=role).user
    with pytest.raises(ActionError):
        services.update_community(actor=person, community=community, tagline="Taken over")

    community.refresh_from_db()
    assert community.tagline == "People learning together"


def test_update_community_refuses_unknown_fields(community, gardener):
    with pytest.raises(ActionError):
        services.update_community(actor=gardener, community=community, slug="new-address")

    community.refresh_from_db()
    assert community.slug != "new-address"


def test_update_community_refuses_another_communitys_name(community, gardener):
    services.create_community(creator=UserFactory(), name="Bridge engineers")

    with pytest.raises(ActionError) as error:
        services.update_community(actor=gardener, community=community, name="BRIDGE ENGINEERS")
    assert error.value.field == "name"
    community.refresh_from_db()
    assert community.name != "BRIDGE ENGINEERS"


def test_update_community_refuses_an_invalid_stage(community, gardener):
    with pytest.raises(ActionError) as error:
        services.update_community(actor=gardener, community=community, stage="ancient")
    assert error.value.field == "stage"
