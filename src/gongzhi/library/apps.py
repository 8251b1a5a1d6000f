from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "gongzhi.library"
    verbose_name = _("信息库")
