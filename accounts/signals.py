from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site


def sync_site(sender, **kwargs) -> None:
    """Keep django.contrib.sites in step with SITE_URL/SITE_NAME (allauth's mails use it)."""
    domain = urlsplit(settings.SITE_URL).netloc or "localhost"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
