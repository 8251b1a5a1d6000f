from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "gongzhi.membership"
    verbose_name = _("成员管理")
