from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "gongzhi.legal"
    verbose_name = _("法务服务")

    def ready(self) -> None:
        from gongzhi.legal.records import register_sources

        # Each envoy's service record gains the cases they took on and their events.
        register_sources()
