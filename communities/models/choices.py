from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public — anyone can read it")
    UNLISTED = "unlisted", _("Unlisted — members only, not in the directory; members may invite")
    PRIVATE = "private", _("Private — members only; only gardeners invite")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open — anyone signed in can join")
    REQUEST = "request", _("By request — a gardener approves each request")
    INVITE = "invite", _("Invitation only")


class Stage(models.TextChoices):
    POTENTIAL = "potential", _("Potential")
    COALESCING = "coalescing", _("Coalescing")
    MATURING = "maturing", _("Maturing")
    STEWARDSHIP = "stewardship", _("Stewardship")
    TRANSFORMATION = "transformation", _("Transformation")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    GARDENER = "gardener", _("Gardener")
    SPONSOR = "sponsor", _("Sponsor")


class Level(models.TextChoices):
    """The participation ladder, from the periphery to the core (order matters)."""

    PERIPHERAL = "peripheral", _("Peripheral")
    OCCASIONAL = "occasional", _("Occasional")
    ACTIVE = "active", _("Active")
    CORE = "core", _("Core")
    # Was core, now quiet: still the community's memory, shown as such rather than dropped.
    RESTING = "resting", _("Core, resting")


# From the periphery inwards; a resting core member sits between active and core, so
# core -> resting reads as a step outwards and resting -> core as a step back in.
LEVEL_ORDER = {"peripheral": 0, "occasional": 1, "active": 2, "resting": 3, "core": 4}
