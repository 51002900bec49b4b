from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and profiles")

    def ready(self) -> None:
        from accounts.models import User
        from accounts.names import renew_shared_names
        from accounts.signals import announce_closed_account, sync_site

        post_save.connect(renew_shared_names, sender=User)
        post_delete.connect(renew_shared_names, sender=User)
        post_migrate.connect(sync_site, sender=self)
        post_save.connect(announce_closed_account, sender=User)
        pre_delete.connect(announce_closed_account, sender=User)
