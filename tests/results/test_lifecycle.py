"""The results database: its public API, adoption lifecycle, permissions and figures."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongzhi.dashboard.figures import result_figures
from gongzhi.notices.models import Notification
from gongzhi.results import actions
from gongzhi.results.models import Contribution, Kind, Result, Status
from gongzhi.results.queries import visible_results
from gongzhi.results.workflow import TransitionNotAllowed

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert():
    return factories.ExpertFactory(user__username="expert").user


@pytest.fixture
def submit(district_admin, expert, need_at):
    """Submit a result that came from a closed need, with `expert` as its author."""

    def make(**overrides) -> Result:
        values = {
            "kind": Kind.ADVICE,
            "title": "关于老旧小区加装电梯的建议",
            "summary": "建议建立加装电梯绿色通道，简化审批流程，统一协调管线迁改。",
            "source": need_at("closed"),
            "contributors": [(expert, Contribution.Role.AUTHOR)],
            "field": factories.field("livable-homes"),
            "actor": district_admin,
        }
        values.update(overrides)
        return actions.submit_result(**values)

    return make


def adopted(result, admin, department):
    result = actions.start_review(result, actor=admin)
    return actions.adopt(result, actor=admin, department=department, how="纳入年度为民办实事项目")


def test_submit_result_records_source_contributors_and_timeline(submit, expert):
    result = submit()

    assert result.status == Status.SUBMITTED
    assert result.source.title == "老旧小区加装电梯进展缓慢"
    assert list(result.contributions.values_list("user", "role")) == [(expert.pk, "author")]
    assert list(result.timeline.values_list("action", flat=True)) == ["submit"]


def test_submit_result_needs_a_signed_in_actor(submit):
    with pytest.raises(PermissionDenied):
        submit(actor=AnonymousUser())


def test_a_result_goes_from_review_to_adoption_to_implementation(
    submit,
    district_admin,
    department_staff,
    department_d,
    expert,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        result = submit()
        result = actions.start_review(result, actor=district_admin)
        result = actions.adopt(result, actor=department_staff, how="写入区住建局工作方案")
        result = actions.implement(result, actor=department_staff, evidence="已完成12部电梯加装。")

    assert result.status == Status.IMPLEMENTED
    assert result.department == department_d
    assert result.adopted_at and result.implemented_at
    assert list(result.timeline.values_list("action", flat=True)) == [
        "submit",
        "review",
        "adopt",
        "implement",
    ]
    told = Notification.objects.filter(recipient=expert).values_list("kind", flat=True)
    assert set(told) == {
        "result_submitted",
        "result_review",
        "result_adopted",
        "result_implemented",
    }


def test_a_declined_result_keeps_the_reason(submit, district_admin, department_staff):
    result = actions.start_review(submit(), actor=district_admin)

    result = actions.decline(result, actor=department_staff, reason="与现行规划冲突，暂缓。")

    assert result.status == Status.NOT_ADOPTED
    assert result.decline_reason == "与现行规划冲突，暂缓。"


@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("adopt", lambda r, u, d: actions.adopt(r, actor=u, department=d, how="采纳")),
        ("decline", lambda r, u, d: actions.decline(r, actor=u, reason="不采纳")),
        ("implement", lambda r, u, d: actions.implement(r, actor=u, evidence="已落地")),
    ],
)
def test_steps_out_of_order_are_refused(submit, district_admin, department_d, name, call):
    with pytest.raises(TransitionNotAllowed):
        call(submit(), district_admin, department_d)


def test_a_reason_is_required_to_decline(submit, district_admin):
    result = actions.start_review(submit(), actor=district_admin)

    with pytest.raises(ValidationError):
        actions.decline(result, actor=district_admin, reason="  ")


@pytest.mark.parametrize("role", ["resident", "expert", "community_staff"])
def test_only_staff_of_departments_and_the_district_adopt(submit, district_admin, role, request):
    result = actions.start_review(submit(), actor=district_admin)

    with pytest.raises(PermissionDenied):
        actions.adopt(result, actor=request.getfixturevalue(role), how="采纳")


def test_department_staff_cannot_adopt_for_another_department(
    submit, district_admin, department_staff, department_e
):
    result = actions.start_review(submit(), actor=district_admin)

    with pytest.raises(PermissionDenied):
        actions.adopt(result, actor=department_staff, department=department_e, how="采纳")


def test_only_the_adopting_department_reports_implementation(
    submit, district_admin, department_d, other_department_staff
):
    result = adopted(submit(), district_admin, department_d)

    with pytest.raises(PermissionDenied):
        actions.implement(result, actor=other_department_staff, evidence="已落地")


def test_internal_results_are_hidden_from_the_public_and_404(submit, client, resident, expert):
    result = submit(is_public=False)

    assert result not in visible_results(AnonymousUser())
    assert result not in visible_results(resident)
    assert result in visible_results(expert)
    client.force_login(resident)
    assert client.get(reverse("results:result_detail", args=[result.pk])).status_code == 404


def test_figures_equal_the_lists_they_link_to(submit, district_admin, department_d, client):
    implemented = adopted(submit(), district_admin, department_d)
    actions.implement(implemented, actor=district_admin, evidence="已落地")
    adopted(submit(title="关于增设社区食堂的建议"), district_admin, department_d)
    adopted(submit(title="内部成果", is_public=False), district_admin, department_d)
    submit(title="尚在审阅的成果")

    figures = result_figures(AnonymousUser())
    adopted_page = client.get(reverse("results:result_list"), {"adopted": "on"})
    implemented_page = client.get(reverse("results:result_list"), {"status": "implemented"})

    assert (figures.adopted, figures.implemented) == (2, 1)
    assert adopted_page.context["page"].paginator.count == figures.adopted
    assert implemented_page.context["page"].paginator.count == figures.implemented


def test_search_finds_chinese_text_in_results(submit, client):
    submit(title="关于增设社区食堂的建议", summary="为独居老人提供助餐服务。")
    submit(title="关于停车难的建议", summary="利用夜间空闲车位错时共享。")

    page = client.get(reverse("results:result_list"), {"q": "助餐"})

    assert [r.title for r in page.context["page"]] == ["关于增设社区食堂的建议"]


def test_detail_links_back_to_its_source(submit, client):
    result = submit()

    page = client.get(reverse("results:result_detail", args=[result.pk]))

    assert reverse("needs:need_detail", args=[result.source_id]) in page.content.decode()


def test_staff_adopt_through_the_detail_page(submit, district_admin, department_staff, client):
    result = actions.start_review(submit(), actor=district_admin)
    client.force_login(department_staff)

    client.post(
        reverse("results:result_act", args=[result.pk, "adopt"]), {"adopt-how": "写入工作方案"}
    )

    result.refresh_from_db()
    assert result.status == Status.ADOPTED


def test_a_decline_without_a_reason_comes_back_on_the_page_with_its_error(
    submit, district_admin, client
):
    result = actions.start_review(submit(), actor=district_admin)
    client.force_login(district_admin)

    response = client.post(
        reverse("results:result_act", args=[result.pk, "decline"]), {"decline-reason": ""}
    )

    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    result.refresh_from_db()
    assert result.status == Status.UNDER_REVIEW
