"""The need workflow: allowed and forbidden transitions, timeline, notifications, permissions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongzhi.needs import actions
from gongzhi.needs.models import Follow, Need, NeedPolicy, Rating, Status, TimelineEntry
from gongzhi.needs.workflow import TRANSITIONS, TransitionNotAllowed, allowed_from
from gongzhi.notices.models import Notification

from tests import factories

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Where each action starts in the matrices below; `reopen` starts where its
# only trigger, a dissatisfied rating, starts.
SOURCE = {
    "accept": Status.SUBMITTED,
    "reject": Status.SUBMITTED,
    "merge": Status.SUBMITTED,
    "assign": Status.ACCEPTED,
    "transfer": Status.ASSIGNED,
    "reply": Status.ASSIGNED,
    "close": Status.REPLIED,
    "rate": Status.CLOSED,
    "reopen": Status.CLOSED,
}

# The personas that may take each action on a need of community A assigned to department D.
ALLOWED_ROLES = {
    "accept": {"community_staff", "district_admin"},
    "reject": {"community_staff", "district_admin"},
    "merge": {"community_staff", "district_admin"},
    "assign": {"community_staff", "district_admin"},
    "transfer": {"community_staff", "department_staff", "district_admin"},
    "reply": {"department_staff", "district_admin"},
    "close": {"community_staff", "department_staff", "district_admin"},
    "rate": {"resident"},
}
ROLES = [
    "anonymous",
    "resident",
    "other_resident",
    "community_staff",
    "other_community_staff",
    "department_staff",
    "other_department_staff",
    "district_admin",
]


@pytest.fixture(autouse=True)
def monday_morning(time_machine):
    time_machine.move_to(dt.datetime(2024, 3, 4, 10, 0, tzinfo=SHANGHAI), tick=False)
    return time_machine


@pytest.fixture
def perform(need_at, department_e):
    """Run the action `name` on `need` as `actor` with arguments that pass validation."""

    def run(name: str, need: Need, actor) -> Need:
        if name == "accept":
            return actions.accept(need, actor=actor)
        if name == "reject":
            return actions.reject(need, actor=actor, reason="已由法院受理，不属于本平台范围。")
        if name == "merge":
            return actions.merge(need, into=need_at(Status.SUBMITTED), actor=actor)
        if name == "assign":
            return actions.assign(need, department=department_e, actor=actor)
        if name == "transfer":
            return actions.transfer(need, department=department_e, actor=actor, reason="职责不符")
        if name == "reply":
            return actions.reply(need, body="已派人处理。", actor=actor)
        if name == "close":
            return actions.close(need, actor=actor)
        if name == "rate":
            return actions.rate(need, rating=Rating.SATISFIED, actor=actor)
        # Reopening has no entry point of its own: a dissatisfied rating
        # calls it inside the rating's transaction, so the test does too.
        with transaction.atomic():
            return actions._reopen(need, actor, NeedPolicy.current())

    return run


def snapshot(need: Need) -> tuple:
    """Everything an action could change about a need, to prove that nothing did."""
    need = Need.objects.get(pk=need.pk)
    fields = {f.attname: getattr(need, f.attname) for f in Need._meta.concrete_fields}
    return (
        fields,
        need.timeline.count(),
        need.replies.count(),
        Follow.objects.count(),
        Notification.objects.count(),
    )


# Every transition in the table ------------------------------------------------

ALLOWED_PAIRS = [(name, source) for name, t in TRANSITIONS.items() for source in sorted(t.sources)]
FORBIDDEN_PAIRS = [
    (name, status)
    for name, t in TRANSITIONS.items()
    for status in Status.values
    if status not in t.sources
]


def test_the_table_has_thirteen_allowed_and_fifty_nine_forbidden_transitions():
    assert (len(ALLOWED_PAIRS), len(FORBIDDEN_PAIRS)) == (13, 59)


def test_finished_needs_allow_nothing_but_a_rating():
    assert allowed_from(Status.REJECTED) == []
    assert allowed_from(Status.MERGED) == []
    assert allowed_from(Status.CLOSED) == ["rate", "reopen"]


def test_archived_history_can_only_be_taken_in_or_merged():
    assert allowed_from(Status.ARCHIVED) == ["accept", "merge"]


@pytest.mark.parametrize(("name", "source"), ALLOWED_PAIRS)
def test_every_allowed_transition_reaches_its_target(
    name, source, need_at, perform, resident, district_admin
):
    need = need_at(source)
    actor = resident if name in ("rate", "reopen") else district_admin

    need = perform(name, need, actor)

    assert Need.objects.get(pk=need.pk).status == TRANSITIONS[name].target


@pytest.mark.parametrize(("name", "status"), FORBIDDEN_PAIRS)
def test_every_forbidden_transition_is_refused_and_changes_nothing(
    name, status, need_at, perform, resident, district_admin
):
    need = need_at(status)
    actor = resident if name in ("rate", "reopen") else district_admin
    before = snapshot(need)

    with pytest.raises(TransitionNotAllowed):
        perform(name, need, actor)

    assert snapshot(need) == before


# Each allowed transition, read as a story ----------------------------------------


def test_accepting_starts_the_reply_clock_in_working_days(need_at, community_staff):
    need = need_at(Status.SUBMITTED)

    need = actions.accept(need, actor=community_staff)

    assert need.status == Status.ACCEPTED
    assert need.accepted_at == dt.datetime(2024, 3, 4, 10, 0, tzinfo=SHANGHAI)
    assert need.reply_due.astimezone(SHANGHAI).date() == dt.date(2024, 3, 25)


def test_accepting_archived_history_puts_it_on_the_reply_clock(need_at, community_staff):
    need = need_at(Status.ARCHIVED)

    need = actions.accept(need, actor=community_staff)

    assert need.status == Status.ACCEPTED
    assert need.reply_due > need.accepted_at
    assert need.timeline.last().from_status == Status.ARCHIVED


def test_accepting_can_correct_the_field(need_at, community_staff):
    need = need_at(Status.SUBMITTED)

    need = actions.accept(need, actor=community_staff, field=factories.field("transport"))

    assert need.field.code == "transport"


def test_rejecting_keeps_the_reason_for_the_resident(need_at, community_staff):
    need = need_at(Status.SUBMITTED)

    need = actions.reject(need, actor=community_staff, reason="  属于私人纠纷，请走调解渠道。 ")

    assert need.status == Status.REJECTED
    assert need.reject_reason == "属于私人纠纷，请走调解渠道。"
    assert need.timeline.last().note == "属于私人纠纷，请走调解渠道。"


def test_merging_folds_a_duplicate_into_the_kept_need_whose_timeline_records_it(
    need_at, community_staff, resident, other_resident
):
    duplicate = need_at(Status.SUBMITTED, submitter=resident)
    kept = need_at(Status.ACCEPTED, submitter=other_resident)

    duplicate = actions.merge(duplicate, into=kept, actor=community_staff)

    assert duplicate.status == Status.MERGED
    assert duplicate.merged_into == kept
    assert Follow.objects.filter(need=kept, user=resident).exists()
    absorbed = kept.timeline.get(action="absorb")
    assert absorbed.data == {"merged": duplicate.pk}
    assert absorbed.from_status == absorbed.to_status == Status.ACCEPTED


def test_assigning_gives_an_accepted_need_to_a_department(need_at, community_staff, department_d):
    need = need_at(Status.ACCEPTED)

    need = actions.assign(need, department=department_d, actor=community_staff)

    assert (need.status, need.department) == (Status.ASSIGNED, department_d)


def test_transfer_moves_the_need_to_another_department_and_remembers_the_first(
    need_at, department_staff, department_d, department_e
):
    need = need_at(Status.ASSIGNED, department=department_d)

    need = actions.transfer(need, department=department_e, actor=department_staff, reason="属交通")

    assert (need.status, need.department) == (Status.ASSIGNED, department_e)
    entry = need.timeline.last()
    assert entry.data == {"department": department_e.pk, "previous": department_d.pk}
    assert entry.note == "属交通"


def test_reply_stores_the_answer_from_the_handling_department(
    need_at, department_staff, department_d
):
    need = need_at(Status.ASSIGNED)

    need = actions.reply(need, body=" 已修复。 ", actor=department_staff)

    assert need.status == Status.REPLIED
    answer = need.latest_reply
    assert (answer.body, answer.department, answer.author) == (
        "已修复。",
        department_d,
        department_staff,
    )
    assert answer.created_at == need.replied_at


def test_closing_finishes_a_replied_need(need_at, department_staff):
    need = need_at(Status.REPLIED)

    need = actions.close(need, actor=department_staff)

    assert need.status == Status.CLOSED
    assert need.closed_at == dt.datetime(2024, 3, 4, 10, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize("rating", [Rating.SATISFIED, Rating.BASICALLY_SATISFIED])
def test_a_content_rating_keeps_the_need_closed(need_at, resident, rating):
    need = need_at(Status.CLOSED)

    need = actions.rate(need, rating=rating, actor=resident)

    assert (need.status, need.rating, need.reopen_count) == (Status.CLOSED, rating, 0)


def test_a_dissatisfied_rating_reopens_the_need_with_a_fresh_reply_deadline(
    need_at, resident, monday_morning
):
    need = need_at(Status.CLOSED)
    monday_morning.move_to(dt.datetime(2024, 3, 8, 9, 0, tzinfo=SHANGHAI))

    need = actions.rate(need, rating=Rating.DISSATISFIED, actor=resident)

    assert need.status == Status.ASSIGNED
    assert need.reopen_count == 1
    assert need.closed_at is None
    assert need.reply_due.astimezone(SHANGHAI).date() == dt.date(2024, 3, 29)
    assert list(need.timeline.values_list("action", flat=True))[-2:] == ["rate", "reopen"]


def test_a_second_dissatisfied_rating_leaves_the_need_closed(
    need_at, resident, district_admin, monday_morning
):
    need = need_at(Status.CLOSED, rating=Rating.DISSATISFIED)
    monday_morning.shift(dt.timedelta(days=1))
    need = actions.reply(need, body="再次核实后已彻底修复。", actor=district_admin)
    need = actions.close(need, actor=district_admin)
    monday_morning.shift(dt.timedelta(days=1))

    need = actions.rate(need, rating=Rating.DISSATISFIED, actor=resident)

    assert (need.status, need.rating, need.reopen_count) == (
        Status.CLOSED,
        Rating.DISSATISFIED,
        1,
    )


def test_the_number_of_reopens_follows_the_policy(need_at, resident):
    factories.set_policy(max_reopens=0)
    need = need_at(Status.CLOSED)

    need = actions.rate(need, rating=Rating.DISSATISFIED, actor=resident)

    assert (need.status, need.reopen_count) == (Status.CLOSED, 0)


# Timeline --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "source"), ALLOWED_PAIRS)
def test_every_transition_writes_a_timeline_entry_with_actor_and_statuses(
    name, source, need_at, perform, resident, district_admin
):
    need = need_at(source)
    actor = resident if name in ("rate", "reopen") else district_admin

    perform(name, need, actor)

    entry = TimelineEntry.objects.filter(need=need, action=name).last()
    assert (entry.actor, entry.from_status, entry.to_status) == (
        actor,
        source,
        TRANSITIONS[name].target,
    )
    assert entry.at == dt.datetime(2024, 3, 4, 10, 0, tzinfo=SHANGHAI)


def test_submitting_opens_the_timeline(resident, community_a):
    need = actions.submit(resident, title="路面塌陷", body="东街口路面塌陷。", place=community_a)

    entry = need.timeline.get()

    assert (entry.action, entry.actor, entry.from_status, entry.to_status) == (
        "submit",
        resident,
        "",
        Status.SUBMITTED,
    )


# Notifications ---------------------------------------------------------------


def recipients() -> set[str]:
    return set(Notification.objects.values_list("recipient__username", flat=True))


@pytest.fixture
def everyone(
    resident,
    other_resident,
    community_staff,
    other_community_staff,
    department_staff,
    other_department_staff,
    district_admin,
):
    """All personas exist, so a test can show who was not told."""


@pytest.mark.parametrize(
    ("name", "told"),
    [
        ("accept", {"resident"}),
        ("reject", {"resident"}),
        ("assign", {"other_department_staff"}),
        ("transfer", {"other_department_staff"}),
        ("reply", {"resident"}),
        ("close", {"resident"}),
        ("rate", set()),
        ("reopen", {"department_staff"}),
    ],
)
def test_each_action_tells_exactly_the_right_people_after_commit(
    name,
    told,
    everyone,
    need_at,
    perform,
    resident,
    district_admin,
    django_capture_on_commit_callbacks,
):
    need = need_at(SOURCE[name])
    actor = resident if name in ("rate", "reopen") else district_admin

    with django_capture_on_commit_callbacks(execute=True):
        perform(name, need, actor)

    assert recipients() == told


def test_a_submitted_need_is_announced_to_its_communitys_desk_only(
    everyone, resident, grid_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(resident, title="网格内垃圾堆积", body="三天没人清运。", place=grid_a)

    assert recipients() == {"community_staff"}


def test_a_need_without_a_place_is_announced_to_the_district(
    everyone, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(resident, title="全区公交线路优化", body="建议增开夜班公交。")

    assert recipients() == {"district_admin"}


def test_a_need_from_a_community_without_staff_is_announced_to_the_district(
    everyone, resident, django_capture_on_commit_callbacks
):
    unstaffed = factories.CommunityFactory()

    with django_capture_on_commit_callbacks(execute=True):
        actions.submit(resident, title="小区停车难", body="车位太少。", place=unstaffed)

    assert recipients() == {"district_admin"}


def test_merging_tells_the_duplicates_submitter_about_the_kept_need(
    everyone, need_at, resident, other_resident, district_admin, django_capture_on_commit_callbacks
):
    duplicate = need_at(Status.SUBMITTED, submitter=resident)
    kept = need_at(Status.SUBMITTED, submitter=other_resident)

    with django_capture_on_commit_callbacks(execute=True):
        actions.merge(duplicate, into=kept, actor=district_admin)

    assert recipients() == {"resident"}
    assert Notification.objects.get().link == f"/needs/{kept.pk}/"


def test_supporters_hear_of_the_reply_too(
    everyone, need_at, other_resident, district_admin, django_capture_on_commit_callbacks
):
    need = need_at(Status.ASSIGNED)
    actions.support(need, actor=other_resident)

    with django_capture_on_commit_callbacks(execute=True):
        actions.reply(need, body="已处理。", actor=district_admin)

    assert recipients() == {"resident", "other_resident"}


def test_notifications_wait_for_the_commit(
    everyone, need_at, district_admin, django_capture_on_commit_callbacks
):
    need = need_at(Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        actions.accept(need, actor=district_admin)
        sent_before_commit = Notification.objects.count()

    assert sent_before_commit == 0
    assert len(callbacks) == 1
    assert Notification.objects.count() == 1


def test_a_rolled_back_action_tells_nobody(
    everyone, need_at, district_admin, django_capture_on_commit_callbacks
):
    need = need_at(Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            actions.accept(need, actor=district_admin)
            raise RuntimeError("the surrounding work failed")

    assert callbacks == []
    assert Notification.objects.count() == 0
    assert Need.objects.get(pk=need.pk).status == Status.SUBMITTED


# Permissions -----------------------------------------------------------------


def persona(request, role: str):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(ALLOWED_ROLES))
def test_each_action_is_allowed_only_to_its_roles(
    request, name, role, everyone, need_at, perform, department_d
):
    need = need_at(SOURCE[name], department=department_d)
    actor = persona(request, role)
    before = snapshot(need)

    if role in ALLOWED_ROLES[name]:
        perform(name, need, actor)
        assert Need.objects.get(pk=need.pk).status == TRANSITIONS[name].target
    else:
        with pytest.raises(PermissionDenied):
            perform(name, need, actor)
        assert snapshot(need) == before


def test_an_anonymous_visitor_cannot_submit(community_a):
    with pytest.raises(PermissionDenied):
        actions.submit(AnonymousUser(), title="匿名", body="内容", place=community_a)

    assert Need.objects.count() == 0


def test_community_staff_cannot_merge_into_another_communitys_need(
    need_at, community_staff, other_resident, community_b
):
    duplicate = need_at(Status.SUBMITTED)
    elsewhere = need_at(Status.SUBMITTED, submitter=other_resident, place=community_b)

    with pytest.raises(PermissionDenied):
        actions.merge(duplicate, into=elsewhere, actor=community_staff)

    assert Need.objects.get(pk=duplicate.pk).status == Status.SUBMITTED


def test_department_staff_lose_a_need_once_it_is_transferred_away(
    need_at, department_staff, department_e
):
    need = need_at(Status.ASSIGNED)
    actions.transfer(need, department=department_e, actor=department_staff, reason="不归我们")

    with pytest.raises(PermissionDenied):
        actions.reply(need, body="已处理。", actor=department_staff)


# Validation ------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_rejecting_without_a_reason_is_refused(need_at, district_admin, reason):
    need = need_at(Status.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        actions.reject(need, actor=district_admin, reason=reason)

    assert "reason" in refused.value.message_dict
    assert Need.objects.get(pk=need.pk).status == Status.SUBMITTED


def test_a_need_cannot_be_merged_into_itself(need_at, district_admin):
    need = need_at(Status.SUBMITTED)

    with pytest.raises(ValidationError):
        actions.merge(need, into=need, actor=district_admin)

    assert Need.objects.get(pk=need.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("finished", [Status.MERGED, Status.REJECTED])
def test_a_need_cannot_be_merged_into_a_finished_one(need_at, district_admin, finished):
    need = need_at(Status.SUBMITTED)
    gone = need_at(finished)

    with pytest.raises(ValidationError):
        actions.merge(need, into=gone, actor=district_admin)

    assert Need.objects.get(pk=need.pk).status == Status.SUBMITTED


def test_transfer_to_the_same_department_is_refused(need_at, district_admin, department_d):
    need = need_at(Status.ASSIGNED, department=department_d)

    with pytest.raises(ValidationError) as refused:
        actions.transfer(need, department=department_d, actor=district_admin, reason="重新分派")

    assert "department" in refused.value.message_dict


def test_transfer_without_a_reason_is_refused(need_at, district_admin, department_e):
    need = need_at(Status.ASSIGNED)

    with pytest.raises(ValidationError) as refused:
        actions.transfer(need, department=department_e, actor=district_admin, reason=" ")

    assert "reason" in refused.value.message_dict


def test_an_empty_reply_is_refused(need_at, district_admin):
    need = need_at(Status.ASSIGNED)

    with pytest.raises(ValidationError):
        actions.reply(need, body="\n ", actor=district_admin)

    assert need.replies.count() == 0


def test_rating_the_same_answer_twice_is_refused(need_at, resident):
    need = need_at(Status.CLOSED, rating=Rating.BASICALLY_SATISFIED)

    with pytest.raises(ValidationError) as refused:
        actions.rate(need, rating=Rating.DISSATISFIED, actor=resident)

    assert "rating" in refused.value.message_dict
    need.refresh_from_db()
    assert (need.status, need.rating) == (Status.CLOSED, Rating.BASICALLY_SATISFIED)


def test_an_unknown_rating_is_refused(need_at, resident):
    need = need_at(Status.CLOSED)

    with pytest.raises(ValidationError):
        actions.rate(need, rating="excellent", actor=resident)

    assert Need.objects.get(pk=need.pk).rating == ""
