from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from communities import services
from communities.ledger import changes
from communities.models import Activity, Community, Membership, MembershipChange
from communities.models.choices import Role
from communities.services.community import EDITABLE_FIELDS
from core.vocabulary import Target
from demo import assets as demo_assets
from demo import behaviour_examples as demo_behaviour_examples
from demo import digests as demo_digests
from demo import discussions as demo_discussions
from demo import history as demo_history
from demo import notifications as demo_notifications
from demo import proposals as demo_proposals
from demo.meetings import seed as seed_meetings
from demo.people import COMMUNITIES, DEMO_PASSWORD, LADDER, PEOPLE
from participation import services as participation_services

User = get_user_model()


class Command(BaseCommand):
    help = "Load demo communities and people. Safe to run again: existing rows are kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Do not list the demo accounts (run.sh lists them once the site is up).",
        )

    def handle(self, *args, **options):
        started = timezone.now()
        # Dating the history moves ledger rows in bulk: the load recounts the roll-ups at its end.
        with transaction.atomic(), changes.loading():
            people = self._people()
            for number, spec in enumerate(COMMUNITIES, start=1):
                self.stdout.write(f"[{number}/{len(COMMUNITIES)}] {spec['name']}")
                self._community(spec, people)
            seed_meetings(self.stdout)
            # Months of history made by members' own actions, before the notifications and
            # digests demos mark what it notified as already mailed and date last visits.
            demo_history.seed(self.stdout, people)
            for seed in (
                demo_discussions.seed,
                demo_behaviour_examples.seed,  # after the extras the communities switch on
                demo_assets.seed,
                demo_notifications.seed,
                demo_proposals.seed,
            ):
                seed(self.stdout)
            demo_digests.seed(self.stdout, joined_since=started)
            # Then the levels the history earned (promotions only).
            moved = sum(participation_services.recompute_levels(c) for c in Community.objects.all())
            self.stdout.write(f"Participation levels recomputed: {moved} moved.")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if not options["no_logins"]:
            self._logins()

    def _logins(self) -> None:
        self.stdout.write(f"Every demo account uses the password: {DEMO_PASSWORD}")
        self.stdout.write("  amara@example.org  gardener of the e-learning committee")
        self.stdout.write("  elena@example.org  gardener of the social work exchange")
        self.stdout.write("  joy@example.org    gardener of the adult literacy tutors (checklist)")
        self.stdout.write("  lena@example.org   gardener of the private peer supervision circle")
        self.stdout.write(
            "  marta@example.org  sponsor (dashboard: /c/northfield-elearning/dashboard/)"
        )
        self.stdout.write("  dev@example.org    a newcomer whose first thread was answered")
        self.stdout.write("  fatima@example.org peripheral member (reads, has not posted yet)")
        self.stdout.write("  admin@example.org  operator (Django admin at /admin/)")

    def _user(self, username: str, email: str, name: str, practice: str, **extra) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": email, "display_name": name, "practice": practice, **extra},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def _people(self) -> dict[str, User]:
        self._user(
            "admin", "admin@example.org", "Site operator", "", is_staff=True, is_superuser=True
        )
        return {p[0]: self._user(*p) for p in PEOPLE}

    def _community(self, spec: dict, people: dict[str, User]) -> Community:
        community = Community.objects.filter(slug=spec["slug"]).first()
        first_gardener = people[spec["gardeners"][0]]
        if community is None:
            fields = {k: spec[k] for k in ("slug", *EDITABLE_FIELDS)}
            community = services.create_community(creator=first_gardener, **fields)
            # Date the community's start before its members' trajectories begin.
            founded = timezone.now() - timedelta(days=180)
            Community.objects.filter(pk=community.pk).update(created_at=founded)
            community.activities.filter(verb=Activity.Verb.COMMUNITY_CREATED).update(
                created_at=founded
            )
        roles = {username: Role.GARDENER for username in spec["gardeners"]}
        roles |= {username: Role.SPONSOR for username in spec["sponsors"]}
        roles |= {username: Role.MEMBER for username in spec["members"]}
        levels = {username: "core" for username in spec["gardeners"]} | spec["members"]
        for username, role in roles.items():
            user = people[username]
            membership = Membership.objects.filter(community=community, user=user).first()
            if membership is not None:
                continue
            membership = services.membership._add_member(
                community=community, user=user, role=Role.MEMBER, changed_by=first_gardener
            )
            if role != Role.MEMBER:
                services.set_member_role(actor=first_gardener, membership=membership, role=role)
        recently = timezone.now() - timedelta(days=1)
        for order, username in enumerate(roles):
            membership = Membership.objects.get(community=community, user=people[username])
            if membership.joined_at < recently:  # dated by an earlier run
                continue
            self._climb(membership, levels.get(username, "peripheral"), newcomer_days=2 + order)
        return community

    def _climb(self, membership: Membership, target: str, *, newcomer_days: int) -> None:
        """Walk a member up the ladder with dated history, as if earned over past months."""
        steps = LADDER[1 : LADDER.index(target) + 1]
        days = 30 * (len(steps) + 1) if steps else newcomer_days
        start = timezone.now() - timedelta(days=days)
        Membership.objects.filter(pk=membership.pk).update(joined_at=start)
        membership.changes.update(created_at=start)
        ledger = Activity.objects.filter(target_type=Target.MEMBERSHIP, target_id=membership.pk)
        ledger.filter(verb=Activity.Verb.JOINED).update(created_at=start)
        for number, level in enumerate(steps, start=1):
            services.set_member_level(
                membership=membership, level=level, cause=MembershipChange.Cause.COMPUTED
            )
            membership.changes.filter(new_value=level, field="level").update(
                created_at=start + timedelta(days=30 * number)
            )
            ledger.filter(verb=Activity.Verb.LEVEL_CHANGED, title__endswith=f"→ {level}").update(
                created_at=start + timedelta(days=30 * number)
            )
