"""WSGI entry point; granian serves `gongzhi.wsgi:application`.

Each server process warms its caches (the field model, the similarity index
over all needs) in a background thread as soon as it starts, so no visitor
pays for building them. Set GONGZHI_WARM_UP=false to skip that.
"""

import os
import threading

from django.core.wsgi import get_wsgi_application
from django.db import connections

from gongzhi import env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongzhi.settings")

application = get_wsgi_application()


def _warm_up() -> None:
    # Imported here: the needs app can only be imported once Django is set up.
    from gongzhi.needs.intelligence import warm_up

    try:
        warm_up()
    finally:
        # The thread's own database connection would otherwise stay open.
        connections.close_all()


if env.get_bool("GONGZHI_WARM_UP", True):
    threading.Thread(target=_warm_up, name="gongzhi-warm-up", daemon=True).start()
