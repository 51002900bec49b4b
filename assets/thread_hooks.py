"""What the library offers on a thread page (called through AssetsConfig's hooks).

Each provider checks permission itself and costs at most one query.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from assets import selectors
from assets.models import Citation
from assets.permissions import assets as asset_policy
from core.extensions import ThreadAction, ThreadPanel
from core.vocabulary import BehaviourCode

REUSING = BehaviourCode.REUSING_ASSETS
DOCUMENTING = BehaviourCode.DOCUMENTATION_PROJECTS


def thread_actions(*, thread, user, behaviour_codes: frozenset[str]) -> list[ThreadAction]:
    if not (REUSING in behaviour_codes or DOCUMENTING in behaviour_codes):
        return []
    # Members only: a guest invited into one thread replies there, nothing more.
    if not asset_policy.can_use_from_thread(user, thread):
        return []
    slug = thread.community.slug
    actions = []
    if REUSING in behaviour_codes:
        actions.append(
            ThreadAction(
                label=_("Cite an asset"),
                url=reverse("assets:cite", kwargs={"slug": slug, "thread_id": thread.pk}),
                explanation=_("Point to the template or guide this thread is about."),
            )
        )
    if DOCUMENTING in behaviour_codes:
        origin = (
            Citation.objects.filter(thread=thread, is_origin=True)
            .select_related("asset__community")
            .first()
        )
        if origin is None:
            actions.append(
                ThreadAction(
                    label=_("Turn into a living document"),
                    url=reverse(
                        "assets:from_thread", kwargs={"slug": slug, "thread_id": thread.pk}
                    ),
                    explanation=_(
                        "Start a shared document from the first post that members "
                        "can improve together, with every version kept."
                    ),
                )
            )
        else:
            actions.append(
                ThreadAction(
                    label=_("Open the living document"),
                    url=origin.asset.get_absolute_url(),
                    explanation=_("This thread already became a living document."),
                )
            )
    return actions


def thread_panels(*, thread, user, behaviour_codes: frozenset[str]) -> list[ThreadPanel]:
    assets = selectors.cited_by_thread(user, thread)
    if not assets:
        return []
    return [
        ThreadPanel(
            template="assets/_partials/thread_citations.html",
            context={"cited_assets": assets, "thread": thread},
        )
    ]
