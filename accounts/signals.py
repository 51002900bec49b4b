from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site
from django.db.models.signals import pre_delete
from django.dispatch import Signal


def sync_site(sender, **kwargs) -> None:
    """Keep django.contrib.sites in step with SITE_URL/SITE_NAME (allauth's mails use it)."""
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )


# Sent once an account is deactivated (on each save while it stays so) or about to be
# removed: apps end the tokens the person holds (calendar addresses, guest passes).
account_closed = Signal()


def announce_closed_account(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # fixtures load rows as they are
    if kwargs.get("signal") is pre_delete or not instance.is_active:
        account_closed.send(sender=sender, user=instance)
