"""The JSON API: one NinjaAPI, one router per domain app.

Reads are open where the page is open and return only what the visitor may
see; writes need a signed-in session (and its CSRF token), the same as the
pages. Each app keeps its endpoints in its own `api.py` and registers its
router here.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI

from gongzhi.legal.api import router as legal_router
from gongzhi.needs.api import router as needs_router
from gongzhi.participation.api import router as participation_router

# The interactive docs page would need inline scripts that our CSP forbids;
# the schema itself stays at /api/openapi.json.
api = NinjaAPI(title="gongzhi API", version="1", urls_namespace="api", docs_url=None)

api.add_router("/needs/", needs_router)
api.add_router("/legal/", legal_router)
api.add_router("/participation/", participation_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": "permission denied"}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": errors}, status=422)
