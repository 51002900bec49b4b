from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models.choices import JoinPolicy, Stage, Visibility

# Slugs that would shadow a page or mislead people.
RESERVED_SLUGS = frozenset(
    {
        "new",
        "admin",
        "api",
        "accounts",
        "help",
        "search",
        "static",
        "media",
        "healthz",
        "communities",
        "c",
        "u",
        "feed",
        "settings",
        "join",
        "leave",
        "login",
        "logout",
        "signup",
        "dashboard",
        "moderation",
        "proposals",
        "about",
        "copsite",
    }
)


class Community(models.Model):
    # Not unique: a private community's name must not block (and so reveal itself to) others.
    name = models.CharField(_("name"), max_length=80, validators=[MinLengthValidator(3)])
    slug = models.SlugField(_("web address"), max_length=50, unique=True)
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    # The domain statement: the first of the three traits of a community of practice.
    concern = models.TextField(_("what we care about"), max_length=2000, blank=True)
    audience = models.TextField(_("who it is for"), max_length=2000, blank=True)
    ways_of_working = models.TextField(
        _("how we work together"),
        max_length=2000,
        blank=True,
        help_text=_("Your rhythm: e.g. 'we meet every other Tuesday for an hour'."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    join_policy = models.CharField(
        _("who can join"), max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    stage = models.CharField(
        _("lifecycle stage"), max_length=16, choices=Stage.choices, default=Stage.POTENTIAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="community_visibility_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(join_policy__in=JoinPolicy.values),
                name="community_join_policy_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:home", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC
