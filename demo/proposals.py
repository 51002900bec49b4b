"""Demo proposals for `manage.py seed_demo`.

Two proposals still gather people; a third is the one Adult literacy tutors grew from.
Rows are matched by title, so a second run changes nothing.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from communities.models import Community
from proposals import services
from proposals.models import Proposal, Supporter

GATHERING = [
    {
        "title": "Reading for pleasure network",
        "proposer": "fatima",
        "domain": (
            "Getting pupils to **choose** to read: book clubs, reading corners, author visits "
            "and what we do when a class says reading is boring."
        ),
        "audience": "School librarians, English teachers and teaching assistants.",
        "why_now": "Borrowing fell again this year and three of us are trying new things at once.",
        "days_ago": 9,
        "supporters": [
            ("chloe", "help", "I run a lunchtime book club for year 4."),
            ("tom", "join", ""),
            ("ada", "join", "Interested in reading for pupils with dyslexia."),
        ],
    },
    {
        "title": "New teachers' reflective practice",
        "proposer": "priya",
        "domain": (
            "A safe place for teachers in their first two years to bring a lesson that went "
            "wrong and work out, together, what to try next."
        ),
        "audience": "Early-career teachers and the mentors who support them.",
        "why_now": "",
        "days_ago": 3,
        "supporters": [
            ("dev", "join", "Yes please."),
            ("jonas", "join", ""),
        ],
    },
]

LAUNCHED = {
    "title": "Adult literacy tutors",
    "proposer": "joy",
    "community": "adult-literacy-tutors",
    "domain": (
        "Helping adults who missed out at school to read and write with confidence, and "
        "sharing what works between tutors who mostly teach alone."
    ),
    "audience": "Adult literacy and ESOL tutors, volunteers and coordinators.",
    "why_now": "The county's tutors lost their shared training days this year.",
    "supporters": [
        ("ian", "help", "I will bring my phonics materials."),
        ("kofi", "join", ""),
        ("hana", "join", ""),
    ],
}


def seed(stdout) -> None:
    users = {u.username: u for u in get_user_model().objects.all()}
    created = 0
    for spec in GATHERING:
        created += _proposal(spec, users)
    community = Community.objects.filter(slug=LAUNCHED["community"]).first()
    if community is not None:
        created += _proposal(LAUNCHED, users, community=community)
    stdout.write(f"Demo proposals: {created} new.")


def _proposal(spec: dict, users: dict, community: Community | None = None) -> int:
    proposer = users[spec["proposer"]]
    if Proposal.objects.filter(title=spec["title"], proposer=proposer).exists():
        return 0
    proposal = services.propose_community(
        proposer=proposer,
        title=spec["title"],
        domain=spec["domain"],
        audience=spec["audience"],
        why_now=spec["why_now"],
    )
    for username, role, note in spec["supporters"]:
        services.support_proposal(user=users[username], proposal=proposal, role=role, note=note)
    if community is None:
        created_at = timezone.now() - timedelta(days=spec["days_ago"])
        Proposal.objects.filter(pk=proposal.pk).update(created_at=created_at)
        return 1
    # Its community and members came from the demo data already: link them, tell nobody.
    Proposal.objects.filter(pk=proposal.pk).update(
        status=Proposal.Status.LAUNCHED,
        launched_community=community,
        launched_at=community.created_at,
        created_at=community.created_at - timedelta(days=21),
    )
    Supporter.objects.filter(proposal=proposal).update(notified_at=timezone.now())
    return 1
