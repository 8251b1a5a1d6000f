"""The text core at work in the needs flow: field on submit, triage, hints, duplicates."""

import pytest
from django.urls import reverse

from gongzhi.needs import actions, intelligence
from gongzhi.needs.intelligence import correction_rows, need_index, warm_up
from gongzhi.needs.models import FieldCorrection, Need, Status

from tests import factories

pytestmark = pytest.mark.django_db

FUMES = {
    "title": "小区楼下餐馆油烟扰民",
    "body": "楼下新开的餐馆排放油烟，刺鼻难闻，晚上还有噪音污染，环保部门请来检查。",
}


@pytest.fixture(autouse=True)
def fresh_index():
    # The index lives for the whole process; each test starts from its own rows.
    need_index.reset()
    yield
    need_index.reset()


def test_a_clear_message_gets_its_field_from_the_classifier(resident, community_a):
    need = actions.submit(resident, place=community_a, **FUMES)

    assert need.field.name == "生态环境"
    assert need.suggested_field == need.field
    assert need.suggestion_confidence >= 0.6
    assert need.in_triage is False


def test_below_the_threshold_the_need_waits_for_a_person(resident, community_a):
    factories.set_policy(triage_threshold=1.01)

    need = actions.submit(resident, place=community_a, **FUMES)

    assert need.field is None
    assert need.suggested_field.name == "生态环境"
    assert need.in_triage is True


def test_the_residents_own_choice_of_field_is_kept(resident, community_a):
    need = actions.submit(resident, place=community_a, field=factories.field("health"), **FUMES)

    assert need.field.name == "医疗卫生"
    assert need.suggested_field.name == "生态环境"


def test_staff_overruling_the_suggestion_is_kept_for_training(
    resident, community_a, district_admin
):
    factories.set_policy(triage_threshold=1.01)
    need = actions.submit(resident, place=community_a, **FUMES)

    actions.accept(need, actor=district_admin, field=factories.field("livable-homes"))

    correction = FieldCorrection.objects.get()
    assert (correction.suggested.name, correction.chosen.name) == ("生态环境", "宜居家园")


def test_triage_tab_lists_needs_waiting_for_a_field(client, resident, community_a, community_staff):
    factories.set_policy(triage_threshold=1.01)
    actions.submit(resident, place=community_a, **FUMES)
    client.force_login(community_staff)

    response = client.get(reverse("needs:need_inbox"), {"tab": "triage"})

    assert response.context["counts"]["triage"] == 1
    assert FUMES["title"] in response.content.decode()


def test_hints_while_typing_show_similar_public_needs_but_never_private_ones(
    client, resident, community_a
):
    actions.submit(resident, place=community_a, **FUMES)
    actions.submit(
        resident,
        place=community_a,
        title="餐馆油烟扰民问题私下反映",
        body="楼下餐馆油烟很大，不想公开。",
        is_public=False,
    )

    response = client.get(
        reverse("needs:need_hints"), {"title": "餐馆油烟扰民", "body": "楼下餐馆油烟很大"}
    )

    page = response.content.decode()
    assert FUMES["title"] in page
    assert "私下反映" not in page
    assert "生态环境" in page


def test_hints_stay_quiet_about_markup_and_about_fields_the_model_is_unsure_of(
    client, resident, community_a
):
    actions.submit(resident, place=community_a, **FUMES)
    factories.set_policy(triage_threshold=1.01)

    unsure = client.get(reverse("needs:need_hints"), {"title": FUMES["title"]})

    assert "生态环境" not in unsure.content.decode()
    assert FUMES["title"] in unsure.content.decode()


def test_needs_that_share_only_stray_characters_are_not_offered_as_similar(
    monkeypatch, resident, community_a
):
    need = actions.submit(resident, place=community_a, **FUMES)
    index = need_index.current()
    monkeypatch.setattr(index, "query", lambda text, k: [(need.pk, 0.04)])

    assert intelligence.similar_needs(Need.objects.all(), "<script>x</script>") == []
    monkeypatch.setattr(index, "query", lambda text, k: [(need.pk, 0.3)])
    assert intelligence.similar_needs(Need.objects.all(), "餐馆油烟") == [(need, 0.3)]


def test_intake_staff_see_a_likely_duplicate_and_merge_it_in_one_step(
    client, resident, other_resident, community_a, community_staff
):
    kept = actions.submit(resident, place=community_a, **FUMES)
    again = actions.submit(other_resident, place=community_a, **FUMES)
    client.force_login(community_staff)

    page = client.get(reverse("needs:need_detail", args=[again.pk]))
    client.post(reverse("needs:need_act", args=[again.pk, "merge"]), {"merge-into": kept.pk})

    assert [n.pk for n, _ in page.context["duplicates"]] == [kept.pk]
    again.refresh_from_db()
    assert again.status == Status.MERGED
    assert kept.follows.filter(user=other_resident).exists()


def test_a_closed_need_lists_its_duplicates_without_a_merge_button(
    client, need_at, other_resident, community_a, community_staff
):
    closed = need_at(Status.CLOSED, **FUMES)
    actions.submit(other_resident, place=community_a, **FUMES)
    client.force_login(community_staff)

    page = client.get(reverse("needs:need_detail", args=[closed.pk]))

    assert len(page.context["duplicates"]) == 1
    assert "merge-into" not in page.content.decode()


def test_residents_are_not_shown_duplicates(client, resident, community_a):
    need = actions.submit(resident, place=community_a, **FUMES)
    actions.submit(resident, place=community_a, **FUMES)
    client.force_login(resident)

    page = client.get(reverse("needs:need_detail", args=[need.pk]))

    assert page.context["duplicates"] == []


def test_corrections_become_labelled_rows_in_the_classifiers_label_set(
    resident, community_a, district_admin
):
    factories.set_policy(triage_threshold=1.01)
    need = actions.submit(resident, place=community_a, **FUMES)
    actions.accept(need, actor=district_admin, field=factories.field("urban-construction"))

    assert correction_rows() == [(FUMES["title"], FUMES["body"], "城乡建设")]


def test_warm_up_indexes_the_existing_needs_before_anyone_asks(resident, community_a):
    need = actions.submit(resident, place=community_a, **FUMES)
    need_index.reset()

    warm_up()

    assert need_index._index is not None
    assert [pk for pk, _ in need_index._index.query(FUMES["title"], k=1)] == [need.pk]


def test_a_failed_warm_up_is_logged_and_leaves_the_caches_to_first_use(monkeypatch, caplog):
    def broken(name):
        raise FileNotFoundError("field.joblib is missing")

    monkeypatch.setattr(intelligence.classify, "load", broken)

    warm_up()

    assert need_index._index is None
    assert "warm-up failed" in caplog.text


def test_hints_do_not_wait_while_another_thread_builds_the_index(resident, community_a):
    actions.submit(resident, place=community_a, **FUMES)
    public = Need.objects.all()

    with need_index._lock:
        assert intelligence.similar_needs(public, FUMES["title"], FUMES["body"]) == []

    assert len(intelligence.similar_needs(public, FUMES["title"], FUMES["body"])) == 1
