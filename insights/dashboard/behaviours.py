"""The nine behaviours of a community of practice, and what to try when one is missing.

The codes are discussions.Behaviour codes; they are stable data, repeated here so this app
never imports discussions.
"""

from django.utils.translation import gettext_lazy as _

NINE = (
    (
        "problem-solving",
        _("Problem solving"),
        _("Ask members to bring one problem they are stuck on to the next meeting."),
    ),
    (
        "requests-for-information",
        _("Requests for information"),
        _("Invite newcomers to ask where things are; answer quickly and kindly."),
    ),
    (
        "seeking-experience",
        _("Seeking experience"),
        _("Start a thread asking “has anyone dealt with…?” about a current challenge."),
    ),
    (
        "reusing-assets",
        _("Reusing assets"),
        _("Point a question at a template in the library and ask who has used it."),
    ),
    (
        "coordination-and-synergy",
        _("Coordination and synergy"),
        _("Suggest two members combine efforts on something both are doing anyway."),
    ),
    (
        "discussing-developments",
        _("Discussing developments"),
        _("Share a new policy, tool or study and ask what it means for practice."),
    ),
    (
        "documentation-projects",
        _("Documentation projects"),
        _("Propose writing down a recurring answer as a checklist or guide."),
    ),
    (
        "visits",
        _("Visits"),
        _("Propose a visit to a member's workplace, or invite a guest from outside."),
    ),
    (
        "mapping-knowledge",
        _("Mapping knowledge and identifying gaps"),
        _("Start a thread asking what the community does not yet know."),
    ),
)
CODES = tuple(code for code, _label, _hint in NINE)
