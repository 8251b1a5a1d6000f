"""Expert matching: the fitting expert first, conflicts flagged and never ranked."""

import pytest

from gongzhi.consultation import actions
from gongzhi.consultation.matching import suggest_experts

from tests.factories_consultation import expert

pytestmark = pytest.mark.django_db


def test_the_expert_whose_field_and_expertise_fit_comes_first(topic, elder_expert, traffic_expert):
    suggestions = suggest_experts(topic)

    assert [s.member for s in suggestions] == [elder_expert, traffic_expert]
    assert suggestions[0].score > suggestions[1].score
    assert "领域相符" in suggestions[0].reason
    assert "领域不同" in suggestions[1].reason


def test_an_expert_working_for_a_party_of_the_topic_is_flagged_not_ranked(topic, elder_expert):
    conflicted = expert(
        "conflicted",
        ["elderly-childcare"],
        "养老服务体系、社区居家养老",
        affiliation="鼓楼区颐年养老服务中心",
    )
    topic.parties = "鼓楼区颐年养老服务中心"
    topic.save()

    suggestions = suggest_experts(topic)

    assert suggestions[0].member == elder_expert
    assert suggestions[-1].member == conflicted
    assert "利益冲突" in suggestions[-1].conflict


def test_a_declared_conflict_is_flagged(topic, elder_expert, traffic_expert):
    actions.declare_conflict(topic, actor=elder_expert.user, note="本人参与了该项目的前期设计")

    suggestions = suggest_experts(topic)

    assert suggestions[-1].member == elder_expert
    assert "本人申报" in suggestions[-1].conflict


def test_workload_lowers_an_otherwise_equal_expert(topic, district_admin):
    busy = expert("busy", ["elderly-childcare"], "社区居家养老服务")
    free = expert("free", ["elderly-childcare"], "社区居家养老服务")
    actions.commission_study(topic, actor=district_admin, brief="另一项调研", experts=[busy])

    ranked = [s.member for s in suggest_experts(topic)]

    assert ranked.index(free) < ranked.index(busy)
