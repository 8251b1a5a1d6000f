from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongzhi.core"
    verbose_name = _("平台设置")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from gongzhi.core.search import repair_sqlite_indexes

        # Once per migrate run, after every app: dispatch_uid keeps it single.
        post_migrate.connect(repair_sqlite_indexes, dispatch_uid="gongzhi.repair_sqlite_indexes")
