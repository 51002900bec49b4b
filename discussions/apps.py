from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")

    def ready(self) -> None:
        from core import targets
        from core.vocabulary import Target
        from discussions import addresses

        targets.register(Target.THREAD, addresses.thread_urls, shown=addresses.thread_standing)
        targets.register(Target.POST, addresses.post_urls, shown=addresses.post_standing)
