"""What the community home shows to help people start well, and to whom."""

from communities import permissions
from core.extensions import Panel
from guidance import selectors
from guidance.checklist import checklist_applies, launch_checklist


def community_panels(*, community, user, membership) -> list[Panel]:
    panels = []
    if selectors.welcome_applies(membership):
        panels.append(
            Panel(
                "guidance/_partials/welcome.html",
                {
                    "community": community,
                    "introductions": selectors.introduction_thread(community),
                    "useful_threads": selectors.useful_threads(community, viewer=user),
                },
            )
        )
    if permissions.can_manage_community(user, community):
        if checklist_applies(community):
            items = launch_checklist(community)
            panels.append(
                Panel(
                    "guidance/_partials/checklist.html",
                    {
                        "community": community,
                        "items": items,
                        "done": sum(entry.done for entry in items),
                    },
                )
            )
        newcomers = list(selectors.newcomers_to_welcome(community))
        if newcomers:
            panels.append(
                Panel(
                    "guidance/_partials/newcomers.html",
                    {"community": community, "newcomers": newcomers},
                )
            )
    return panels
