from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationConfig(AppConfig):
    name = "gongzhi.consultation"
    verbose_name = _("决策征询")
