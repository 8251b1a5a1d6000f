from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "gongzhi.records"
    verbose_name = _("履职档案")

    def ready(self) -> None:
        from gongzhi.records import sources  # noqa: F401  registers the consultation activities
