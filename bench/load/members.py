"""Add the load run's members to a seeded demo, as people would arrive.

    python -m bench.load.members COUNT OUT.json

Each member has a verified address and a password and joins the demo's open communities
through the joining service; the first few are made sponsors of the social work exchange by
its gardener, so they may read its dashboard. Writes the members (username, email, password,
sponsor or not) to OUT.json for the locustfile.
"""

import json
import os
import secrets
import sys

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from communities import services  # noqa: E402
from communities.models import Community, Membership  # noqa: E402
from communities.models.choices import JoinPolicy, Role  # noqa: E402

SPONSORED = "social-work-practice"
SPONSORS = int(os.environ.get("LOAD_SPONSORS", "5"))
RSVPS = int(os.environ.get("LOAD_RSVPS", "10"))


def budgets() -> dict[str, int]:
    """Writes per member for the whole run: no more than a new account may make in a period
    of the shipped limits, so no write is refused (RSVPs are not limited)."""
    new_rate = {
        action: int(rates[1].split("/")[0]) for action, rates in settings.RATE_LIMITS.items()
    }
    return {"threads": new_rate["thread"], "replies": new_rate["reply"], "rsvps": RSVPS}


def add_members(count: int) -> tuple[list[dict], list[str]]:
    User = get_user_model()
    open_communities = list(Community.objects.filter(join_policy=JoinPolicy.OPEN).order_by("slug"))
    sponsored = Community.objects.get(slug=SPONSORED)
    gardener = (
        Membership.objects.filter(community=sponsored, role=Role.GARDENER).order_by("pk").first()
    ).user
    password = secrets.token_urlsafe(12)
    members = []
    for number in range(1, count + 1):
        username = f"load{number:03d}"
        email = f"{username}@load.example.org"
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, email=email, password=password, display_name=f"Load {number}"
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        for community in open_communities:
            membership = services.join_community(user=user, community=community)
            if community == sponsored and number <= SPONSORS:
                services.set_member_role(actor=gardener, membership=membership, role=Role.SPONSOR)
        members.append(
            {
                "username": username,
                "email": email,
                "password": password,
                "sponsor": number <= SPONSORS,
            }
        )
    return members, [c.slug for c in open_communities]


if __name__ == "__main__":
    members, communities = add_members(int(sys.argv[1]))
    setup = {
        "members": members,
        "communities": communities,
        "sponsored": SPONSORED,
        "budgets": budgets(),
    }
    with open(sys.argv[2], "w") as out:
        json.dump(setup, out)
    print(
        f"{len(members)} load members joined {', '.join(communities)}; "
        f"{SPONSORS} sponsor {SPONSORED}; writes per member: {setup['budgets']}"
    )
