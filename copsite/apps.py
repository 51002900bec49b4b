from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CopsiteConfig(AppConfig):
    name = "copsite"
    verbose_name = "copsite"

    def ready(self) -> None:
        from communities.models import Membership
        from core import page_cache

        # Every process that writes (web, worker, commands) retires the cached pages of the
        # community it wrote in. Deletes only for memberships: see page_cache on why.
        post_save.connect(page_cache.model_changed, dispatch_uid="page-cache-save")
        m2m_changed.connect(page_cache.model_changed, dispatch_uid="page-cache-m2m")
        post_delete.connect(
            page_cache.model_changed, sender=Membership, dispatch_uid="page-cache-delete"
        )
