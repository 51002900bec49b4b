from django.core.management.base import BaseCommand, CommandError

from communities.ledger import rollups
from communities.models import Community


class Command(BaseCommand):
    help = "Recount the dashboard's roll-ups from the activity ledger (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="communities to rebuild (default: all)")

    def handle(self, *args, slugs, **options):
        communities = Community.objects.order_by("pk")
        if slugs:
            communities = communities.filter(slug__in=slugs)
            missing = set(slugs) - set(communities.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"No community with the slug: {', '.join(sorted(missing))}")
        for community in communities.iterator():
            days, threads = rollups.rebuild(community)
            self.stdout.write(f"{community.slug}: {days} day rows, {threads} threads")
