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
