import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.names import shown_name, validate_display_name

# Region/City zones people recognise; aliases such as "Factory" or "EST5EDT" left out.
TIMEZONE_CHOICES = [("UTC", "UTC")] + [
    (name, name.replace("_", " "))
    for name in sorted(zoneinfo.available_timezones())
    if "/" in name
    and name.split("/")[0]
    in {
        "Africa",
        "America",
        "Antarctica",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
    }
]


def avatar_path(instance: "User", filename: str) -> str:
    # Never trust the uploaded name: the stored name is random (see accounts.services).
    return f"avatars/{filename}"


def display_name(user) -> str:
    """How allauth names a person in its messages: the same name the site shows."""
    return user.name


class User(AbstractUser):
    """A person. Email is the login (allauth); the username makes the profile URL."""

    display_name = models.CharField(
        _("display name"), max_length=80, blank=True, validators=[validate_display_name]
    )
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    practice = models.CharField(
        _("practice or role"),
        max_length=120,
        blank=True,
        help_text=_("What you do, e.g. 'adult literacy tutor' or 'secondary science teacher'."),
    )
    avatar = models.ImageField(_("avatar"), upload_to=avatar_path, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="UTC"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """As pages show the person: ``@username`` beside a name someone else shares."""
        return shown_name(self.display_name, self.username)

    def get_absolute_url(self) -> str:
        return reverse("profile", kwargs={"username": self.username})
