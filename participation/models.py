from django.db import models
from django.utils.translation import gettext_lazy as _


class LevelRules(models.Model):
    """A community's own thresholds for the participation ladder.

    No row means the defaults (participation.rules.DEFAULT_RULES); the field names
    match ``participation.rules.Rules`` so one can be turned into the other.
    """

    community = models.OneToOneField(
        "communities.Community", on_delete=models.CASCADE, related_name="level_rules"
    )
    window_days = models.PositiveSmallIntegerField(_("window (days)"), default=90)
    occasional_points = models.PositiveIntegerField(_("points for occasional"), default=3)
    active_points = models.PositiveIntegerField(_("points for active"), default=15)
    active_weeks = models.PositiveSmallIntegerField(
        _("active: weeks with a contribution"), default=3
    )
    active_span_weeks = models.PositiveSmallIntegerField(
        _("active: out of the last how many weeks"), default=8
    )
    core_points = models.PositiveIntegerField(_("points for core"), default=40)
    core_weeks = models.PositiveSmallIntegerField(_("core: weeks with a contribution"), default=6)
    core_span_weeks = models.PositiveSmallIntegerField(
        _("core: out of the last how many weeks"), default=12
    )
    counterpart_weekly_cap = models.PositiveSmallIntegerField(
        _("most points a week from any one other person"), default=10
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "communities_levelrules"  # the table predates the app

    def __str__(self) -> str:
        return f"level rules for {self.community_id}"
