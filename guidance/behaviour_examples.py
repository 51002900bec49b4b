"""Two everyday examples of each behaviour, for the help page (the code is the key)."""

from django.utils.translation import gettext_lazy as _

from core.vocabulary import BehaviourCode

EXAMPLES = {
    BehaviourCode.PROBLEM_SOLVING: (
        _(
            "My Year 9 group ignores the online quizzes. I have tried reminders. What else "
            "could work?"
        ),
        _(
            "A family keeps cancelling home visits at the last minute. How have you handled "
            "this without closing the case?"
        ),
    ),
    BehaviourCode.REQUESTS_FOR_INFORMATION: (
        _("Where is the latest version of the safeguarding referral form?"),
        _("Which reading assessment do you use for adults with no formal schooling?"),
    ),
    BehaviourCode.SEEKING_EXPERIENCE: (
        _("Has anyone run a parents' evening online? How did it go?"),
        _("Who has inspected a bridge with this kind of bearing? What did you look for first?"),
    ),
    BehaviourCode.REUSING_ASSETS: (
        _(
            "Here is the lesson plan I used for fractions; change the examples and it works "
            "for Year 5."
        ),
        _("Can I adapt your supervision notes template for our team?"),
    ),
    BehaviourCode.COORDINATION: (
        _("Three of our schools want the same training: shall we book it together?"),
        _("Two of us are visiting the same site next month. Shall we share the write-up?"),
    ),
    BehaviourCode.DISCUSSING_DEVELOPMENTS: (
        _("The new assessment framework arrives in September. What will it change for us?"),
        _("Has anyone tried the new drone survey method? Is it worth it?"),
    ),
    BehaviourCode.DOCUMENTATION_PROJECTS: (
        _(
            "We have answered the 'first week with a new tutor' question five times. Let's "
            "write a guide together."
        ),
        _("Shall we turn our notes on difficult conversations into one checklist?"),
    ),
    BehaviourCode.VISITS: (
        _("Could two of us come and see how your drop-in reading sessions run?"),
        _("Our team would like to shadow your duty desk for a morning."),
    ),
    BehaviourCode.MAPPING_KNOWLEDGE: (
        _("Who here knows about funding for adult learners? Where are we all guessing?"),
        _("What are we missing as a group? Which other teams should we be talking to?"),
    ),
    # An extra a community may switch on: a row in the behaviours table, not one of the nine.
    "growing-confidence": (
        _("I want to try peer marking with my class next week. Can I run my plan past you first?"),
        _("Before I raise this with my manager, does my argument hold up?"),
    ),
}
