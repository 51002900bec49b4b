"""Send one kind of digest now, in this process, instead of waiting for beat.

Operators use it after an outage; on the embedded run it shows what a digest looks like
(the mails land in var/mail/). The claim rows still apply: a digest beat already sent for
this period is not sent again.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from communities.models import Community
from digests.models import Kind
from digests.tasks import send_community_digests


class Command(BaseCommand):
    help = "Send daily, weekly or sponsor digests for every community now."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=Kind.values)

    def handle(self, *args, kind: str, **options):
        at = timezone.now().isoformat()
        sent = sum(
            send_community_digests(community_id, kind, at)
            for community_id in Community.objects.order_by("pk").values_list("pk", flat=True)
        )
        self.stdout.write(f"{sent} {kind} digest(s) sent.")
