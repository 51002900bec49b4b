from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.vocabulary import ANSWERABLE


class Behaviour(models.Model):
    """One of the behaviours through which a community of practice learns (data, not code).

    The nine standard ones are seeded by a data migration; extra ones (e.g. "growing
    confidence") exist as rows with ``is_standard=False`` that a community switches on.
    """

    # The nine codes are core.vocabulary.BehaviourCode; some give the UI extra powers (an
    # answerable thread, a visit to schedule), the rest are labels that count on dashboards.

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    explanation = models.CharField(_("in plain words"), max_length=200)
    example = models.CharField(_("an example opening question"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    is_standard = models.BooleanField(_("one of the nine"), default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_answerable(self) -> bool:
        return self.code in ANSWERABLE


class CommunityBehaviour(models.Model):
    """An extra behaviour a community has switched on beside the standard nine."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="extra_behaviours"
    )
    behaviour = models.ForeignKey(Behaviour, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "behaviour"], name="one_extra_per_community"
            )
        ]

    def __str__(self) -> str:
        return f"{self.behaviour} in {self.community}"


EXAMPLE_MAX = 200  # as long as the standard example, which the form shows when none is set


class BehaviourExample(models.Model):
    """The opening question a community shows beside one behaviour in its thread form.

    Written by its gardeners in the words of their own practice; where a community has
    none, the behaviour's standard example is shown. A cleared example stays as a row with
    empty text, so the community's choice of the standard wording is remembered and
    nothing seeded later writes over it.
    """

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="behaviour_examples"
    )
    behaviour = models.ForeignKey(Behaviour, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("example"), max_length=EXAMPLE_MAX, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["community", "behaviour"], name="one_example_per_community_behaviour"
            )
        ]

    def __str__(self) -> str:
        return f"{self.behaviour} in {self.community}: {self.text}"
