from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "gongzhi.legal"
    verbose_name = _("法务服务")
