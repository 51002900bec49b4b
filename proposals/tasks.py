from functools import partial

from celery import shared_task

from core.claims import send_and_stamp
from core.links import absolute_url
from core.mail import send_templated_mail
from proposals.models import Proposal, Supporter


@shared_task
def notify_supporters_of_launch(proposal_id: int) -> int:
    """Tell each supporter the community they asked for exists and they are in it.

    Each supporter row is claimed before its mail goes, so a redelivered or repeated task
    tells nobody twice; a failed send releases that one claim for the retry.
    """
    proposal = (
        Proposal.objects.filter(pk=proposal_id, status=Proposal.Status.LAUNCHED)
        .exclude(launched_community=None)
        .select_related("launched_community", "proposer")
        .first()
    )
    if proposal is None:
        return 0
    community = proposal.launched_community
    url = absolute_url(community.get_absolute_url())
    sent = 0
    waiting = proposal.supporters.filter(notified_at=None).exclude(user__email="")
    for supporter in waiting.select_related("user"):
        if send_and_stamp(
            Supporter.objects.filter(pk=supporter.pk),
            "notified_at",
            partial(
                send_templated_mail,
                template_prefix="proposals/email/launched",
                context={
                    "proposal": proposal,
                    "community": community,
                    "supporter": supporter,
                    "core": supporter.role == Supporter.Role.HELP,
                    "url": url,
                },
                to=[supporter.user.email],
            ),
        ):
            sent += 1
    return sent
