"""WSGI entry point; granian serves `gongzhi.wsgi:application`.

Each server process warms its caches (the field model, the similarity index
over all needs) in a background thread as soon as it starts, so no visitor
pays for building them. Set GONGZHI_WARM_UP=false to skip that.
"""

import os
import threading

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")

application = get_wsgi_application()

# Imported only now: both need the settings configured above.
from django.db import connections  # noqa: E402

from gongzhi import env  # noqa: E402


def _warm_up() -> None:
    from gongzhi.needs.intelligence import warm_up

    try:
        warm_up()
    finally:
        # The thread's own database connection would otherwise stay open.
        connections.close_all()


if env.get_bool("GONGZHI_WARM_UP", True):
    threading.Thread(target=_warm_up, name="gongzhi-warm-up", daemon=True).start()
