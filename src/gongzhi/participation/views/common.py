"""What the participation pages share: running an action and reporting how it went."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from gongzhi.participation.models import Event
from gongzhi.results.workflow import TransitionNotAllowed


def run(request: HttpRequest, call: Callable[[], object], done: str) -> object | None:
    """Call an action; report success or each validation message. Returns the action's result."""
    try:
        outcome = call()
    except TransitionNotAllowed:
        messages.error(request, _("当前状态下不能执行该操作。"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
        return outcome if outcome is not None else True
    return None


def form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def events(subject):
    """The activity log of one object, oldest first."""
    kind = ContentType.objects.get_for_model(subject)
    return Event.objects.filter(subject_type=kind, subject_id=subject.pk).select_related(
        "actor__staff"
    )


def submit(request: HttpRequest, form, call: Callable[[dict], object], done: str) -> object | None:
    """Validate `form`, then run `call(cleaned_data)` as `run` does; report the form's errors otherwise."""
    if form.is_valid():
        return run(request, lambda: call(form.cleaned_data), done)
    form_errors(request, form)
    return None
