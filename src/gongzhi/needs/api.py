"""JSON endpoints for needs. They share the pages' queries, rules and actions."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field as SchemaField
from ninja import Router, Schema
from ninja.errors import ValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status as Reply
from ninja.security import django_auth

from gongzhi.core.privacy import redact
from gongzhi.needs import queries, rules
from gongzhi.needs.filters import filter_needs
from gongzhi.needs.forms import NeedForm
from gongzhi.needs.models import Need, Status
from gongzhi.places.models import Field, Place

router = Router(tags=["needs"])


class NeedOut(Schema):
    """A need as the caller may see it: numbers masked, anonymous submitters unnamed."""

    id: int
    kind: str
    title: str
    body: str
    status: str
    field: str | None
    place: str | None
    department: str | None
    submitter: str | None
    submitted_at: datetime
    accept_due: datetime | None
    reply_due: datetime | None
    overdue: bool
    support_count: int

    @staticmethod
    def resolve_title(need: Need) -> str:
        return redact(need.title)

    @staticmethod
    def resolve_body(need: Need) -> str:
        return redact(need.body)

    @staticmethod
    def resolve_field(need: Need) -> str | None:
        return need.field.name if need.field_id else None

    @staticmethod
    def resolve_place(need: Need) -> str | None:
        return need.place.label if need.place_id else None

    @staticmethod
    def resolve_department(need: Need) -> str | None:
        return need.department.name if need.department_id else None

    @staticmethod
    def resolve_submitter(need: Need, context) -> str | None:
        user = context["request"].user
        return need.submitter.public_name if rules.can_see_submitter(user, need) else None

    @staticmethod
    def resolve_overdue(need: Need) -> bool:
        return need.is_overdue


class NeedIn(Schema):
    title: str = SchemaField(min_length=4, max_length=60)
    body: str = SchemaField(min_length=10, max_length=5000)
    kind: Need.Kind = Need.Kind.SUGGESTION
    field: int | None = None
    place: int | None = None
    place_text: str = SchemaField("", max_length=200)
    is_public: bool = True
    is_anonymous: bool = False


@router.get("/", response=list[NeedOut])
@paginate(PageNumberPagination, page_size=20)
def list_needs(
    request: HttpRequest,
    q: str = "",
    status: Status | None = None,
    field: int | None = None,
    overdue: bool = False,
):
    """Needs the caller may see, newest first; `q` searches Chinese words in title and body."""
    criteria = {"q": q, "status": status, "overdue": overdue}
    if field:
        criteria["field"] = get_object_or_404(Field, pk=field)
    # The paginator slices the queryset, so only one page is ever loaded.
    return filter_needs(queries.visible_needs(request.user), criteria)


@router.get("/{need_id}", response=NeedOut)
def get_need(request: HttpRequest, need_id: int):
    return get_object_or_404(queries.visible_needs(request.user), pk=need_id)


@router.post("/", response={201: NeedOut}, auth=django_auth)
def submit_need(request: HttpRequest, payload: NeedIn):
    """File a need as the signed-in resident.

    The payload passes the same checks as the web form (blank or
    control-character text, a place that is no community or grid, an unknown
    field), and a failure is a 422 that names the field.
    """
    form = NeedForm(data=_form_data(payload))
    if not form.is_valid():
        raise ValidationError(
            [
                {"loc": ["body", "payload", name], "msg": " ".join(messages), "type": "value_error"}
                for name, messages in form.errors.items()
            ]
        )
    need = form.submit(request.user)
    return Reply(201, queries.visible_needs(request.user).get(pk=need.pk))


def _form_data(payload: NeedIn) -> dict:
    """The payload as the web form's fields; a grid id stands for its community plus grid."""
    community, grid = payload.place, None
    if payload.place:
        place = Place.objects.filter(pk=payload.place).only("level", "parent_id").first()
        if place and place.level == Place.Level.GRID:
            community, grid = place.parent_id, place.pk
    return {
        "kind": payload.kind,
        "title": payload.title,
        "body": payload.body,
        "field": payload.field or "",
        "place": community or "",
        "grid": grid or "",
        "place_text": payload.place_text,
        "is_public": payload.is_public,
        "is_anonymous": payload.is_anonymous,
    }
