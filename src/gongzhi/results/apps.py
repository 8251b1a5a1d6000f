from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "gongzhi.results"
    verbose_name = _("成果库")
