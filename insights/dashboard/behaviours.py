"""The nine behaviours of a community of practice, and what to try when one is missing.

The codes and labels come from core.vocabulary, so this app never imports discussions.
"""

from django.utils.translation import gettext_lazy as _

from core.vocabulary import NINE as NINE_CODES
from core.vocabulary import BehaviourCode

HINTS = {
    BehaviourCode.PROBLEM_SOLVING: _(
        "Ask members to bring one problem they are stuck on to the next meeting."
    ),
    BehaviourCode.REQUESTS_FOR_INFORMATION: _(
        "Invite newcomers to ask where things are; answer quickly and kindly."
    ),
    BehaviourCode.SEEKING_EXPERIENCE: _(
        "Start a thread asking “has anyone dealt with…?” about a current challenge."
    ),
    BehaviourCode.REUSING_ASSETS: _(
        "Point a question at a template in the library and ask who has used it."
    ),
    BehaviourCode.COORDINATION: _(
        "Suggest two members combine efforts on something both are doing anyway."
    ),
    BehaviourCode.DISCUSSING_DEVELOPMENTS: _(
        "Share a new policy, tool or study and ask what it means for practice."
    ),
    BehaviourCode.DOCUMENTATION_PROJECTS: _(
        "Propose writing down a recurring answer as a checklist or guide."
    ),
    BehaviourCode.VISITS: _(
        "Propose a visit to a member's workplace, or invite a guest from outside."
    ),
    BehaviourCode.MAPPING_KNOWLEDGE: _(
        "Start a thread asking what the community does not yet know."
    ),
}
# (code, label, what to try when it is missing), in the seeded order.
NINE = tuple((code, code.label, HINTS[code]) for code in NINE_CODES)
CODES = tuple(code.value for code in NINE_CODES)
