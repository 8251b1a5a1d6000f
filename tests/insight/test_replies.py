from datetime import UTC, datetime, timedelta

from gongzhi.insight.replies import score_reply, timeliness

POSTED = datetime(2019, 5, 6, 10, 0, tzinfo=UTC)
TITLE = "A5区魅力之城小区临街商铺油烟噪音扰民"
BODY = "小区一楼的餐馆和夜宵摊油烟直排，营业到凌晨，噪音扰民，请有关部门处理。"

GROUNDED = (
    "网友您好！您反映的魅力之城小区临街商铺油烟噪音扰民问题已收悉。经查，该小区一楼3家餐馆"
    "未安装油烟净化设施。根据《中华人民共和国大气污染防治法》第八十一条，区城管执法局已于"
    "5月10日责令其限期整改，夜宵摊已于5月12日取缔。下一步我们将持续跟踪噪音和油烟整改情况。"
    "如有疑问请拨打<PHONE>联系。感谢您的关注。"
)
GENERIC = "感谢您对我们工作的关心和支持。"


def test_grounded_specific_reply_scores_above_a_generic_one():
    good = score_reply(TITLE, BODY, GROUNDED, POSTED, POSTED + timedelta(days=5))
    poor = score_reply(TITLE, BODY, GENERIC, POSTED, POSTED + timedelta(days=40))

    assert good.total > poor.total + 40
    assert good.relevance > poor.relevance
    assert good.grounding == 1.0
    assert 0 <= poor.total <= good.total <= 100


def test_reasons_explain_a_weak_reply_in_chinese():
    poor = score_reply(TITLE, BODY, GENERIC, POSTED, POSTED + timedelta(days=40))

    assert any("过短" in reason for reason in poor.reasons)
    assert any("政策法规" in reason for reason in poor.reasons)
    assert any("40天" in reason for reason in poor.reasons)


def test_timeliness_falls_with_delay():
    assert timeliness(3) == 1.0
    assert timeliness(15) == 0.8
    assert timeliness(30) == 0.5
    assert timeliness(200) == 0.1
    assert timeliness(10) > timeliness(20) > timeliness(45)


def test_missing_dates_give_a_neutral_timeliness():
    score = score_reply(TITLE, BODY, GROUNDED)

    assert score.timeliness == 0.5
    assert score.delay_days is None


def test_an_on_site_check_counts_as_finding_and_area_names_are_no_key_terms():
    score = score_reply(
        "鼓楼区三坊七巷社区人行道地砖松动",
        "附近人行道地砖松动严重，每次下雨踩上去溅一身水，你们不是说要修吗？",
        "经现场核查，您反映的人行道地砖松动问题属实，已于今日安排施工队更换地砖，预计三天内完工。",
    )

    assert "未说明调查核实的情况" not in score.reasons
    assert "未确认收到留言人反映的问题" not in score.reasons
    assert "未说明下一步安排" not in score.reasons
    missed = next((r for r in score.reasons if r.startswith("未涉及留言中的")), "")
    for filler in ("鼓楼区", "附近", "严重", "每次", "你们", "不是"):
        assert filler not in missed
