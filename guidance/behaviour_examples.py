"""Two everyday examples of each behaviour, for the help page (the code is the key)."""

from django.utils.translation import gettext_lazy as _

EXAMPLES = {
    "problem-solving": (
        _(
            "My Year 9 group ignores the online quizzes. I have tried reminders. What else "
            "could work?"
        ),
        _(
            "A family keeps cancelling home visits at the last minute. How have you handled "
            "this without closing the case?"
        ),
    ),
    "requests-for-information": (
        _("Where is the latest version of the safeguarding referral form?"),
        _("Which reading assessment do you use for adults with no formal schooling?"),
    ),
    "seeking-experience": (
        _("Has anyone run a parents' evening online? How did it go?"),
        _("Who has inspected a bridge with this kind of bearing? What did you look for first?"),
    ),
    "reusing-assets": (
        _(
            "Here is the lesson plan I used for fractions; change the examples and it works "
            "for Year 5."
        ),
        _("Can I adapt your supervision notes template for our team?"),
    ),
    "coordination-and-synergy": (
        _("Three of our schools want the same training: shall we book it together?"),
        _("Two of us are visiting the same site next month. Shall we share the write-up?"),
    ),
    "discussing-developments": (
        _("The new assessment framework arrives in September. What will it change for us?"),
        _("Has anyone tried the new drone survey method? Is it worth it?"),
    ),
    "documentation-projects": (
        _(
            "We have answered the 'first week with a new tutor' question five times. Let's "
            "write a guide together."
        ),
        _("Shall we turn our notes on difficult conversations into one checklist?"),
    ),
    "visits": (
        _("Could two of us come and see how your drop-in reading sessions run?"),
        _("Our team would like to shadow your duty desk for a morning."),
    ),
    "mapping-knowledge": (
        _("Who here knows about funding for adult learners? Where are we all guessing?"),
        _("What are we missing as a group? Which other teams should we be talking to?"),
    ),
    "growing-confidence": (
        _("I want to try peer marking with my class next week. Can I run my plan past you first?"),
        _("Before I raise this with my manager, does my argument hold up?"),
    ),
}
