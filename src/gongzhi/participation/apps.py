from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "gongzhi.participation"
    verbose_name = _("参政议政")

    def ready(self) -> None:
        from gongzhi.needs.extensions import register_need_link
        from gongzhi.participation.records import register_sources
        from gongzhi.participation.rules import deliberation_link

        register_sources()
        register_need_link(deliberation_link)
