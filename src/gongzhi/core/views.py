from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A page in the site's own layout and language when a form's CSRF token is missing or stale."""
    return render(request, "403_csrf.html", status=403)
