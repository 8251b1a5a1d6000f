"""Chinese full-text search over needs: segmented words, every word must match, never LIKE."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.core.search import search
from gongzhi.needs.models import Need
from gongzhi.needs.queries import visible_needs

from tests import factories


def found(text: str, needs=None) -> set[str]:
    needs = Need.objects.all() if needs is None else needs
    return set(search(needs, text).values_list("title", flat=True))


@pytest.fixture
def lamps_and_noise(db) -> None:
    factories.NeedFactory(
        title="小区门口的路灯坏了很久",
        body="晚上出行很不方便，老人摔倒过两次。",
    )
    factories.NeedFactory(
        title="工地夜间施工噪音扰民",
        body="每天晚上十一点以后还在打桩，希望城管部门处理。",
    )
    factories.NeedFactory(title="公园WiFi信号太差", body="希望增加无线网络覆盖。")


def test_a_word_in_the_middle_of_a_title_finds_the_need(lamps_and_noise):
    assert found("路灯") == {"小区门口的路灯坏了很久"}


def test_a_word_in_the_middle_of_the_body_finds_the_need(lamps_and_noise):
    assert found("打桩") == {"工地夜间施工噪音扰民"}


def test_a_word_both_needs_share_finds_both(lamps_and_noise):
    assert found("晚上") == {"小区门口的路灯坏了很久", "工地夜间施工噪音扰民"}


def test_every_word_of_the_query_must_match(lamps_and_noise):
    assert found("路灯 出行") == {"小区门口的路灯坏了很久"}
    assert found("路灯 噪音") == set()


def test_a_query_written_as_one_phrase_is_segmented_like_the_text(lamps_and_noise):
    assert found("路灯出行不方便") == {"小区门口的路灯坏了很久"}


def test_latin_words_match_whatever_their_case(lamps_and_noise):
    assert found("wifi") == {"公园WiFi信号太差"}
    assert found("WIFI") == {"公园WiFi信号太差"}


def test_a_word_that_appears_nowhere_finds_nothing(lamps_and_noise):
    assert found("地铁") == set()


@pytest.mark.parametrize(
    "query",
    ['"路灯', "路灯'", "(路灯)", "路灯*", "^路灯", "路灯：", "“路灯”", "-路灯", "路灯%", "路灯_"],
)
def test_punctuation_and_quotes_around_a_word_are_ignored(lamps_and_noise, query):
    assert found(query) == {"小区门口的路灯坏了很久"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        '""',
        "*",
        "(",
        "NEAR(路灯 噪音",
        "路灯 AND OR NOT 噪音",
        "search_words:路灯",
        "'; DROP TABLE needs_need; --",
        "a-b c.d",
        "\\",
        "路灯 & | ! <->",
    ],
)
def test_operators_and_stray_punctuation_in_a_query_do_not_crash(lamps_and_noise, query):
    results = found(query)

    assert results <= {"小区门口的路灯坏了很久", "工地夜间施工噪音扰民", "公园WiFi信号太差"}
    assert Need.objects.count() == 3


@pytest.mark.parametrize("query", ["", "   ", "，。！？", "..."])
def test_a_query_without_words_leaves_the_list_unfiltered(lamps_and_noise, query):
    assert len(found(query)) == 3


def test_search_does_not_use_like(lamps_and_noise):
    with CaptureQueriesContext(connection) as queries:
        found("路灯 出行")

    assert queries.captured_queries
    assert not any(" LIKE " in q["sql"].upper() for q in queries.captured_queries)


def test_editing_a_need_updates_what_it_is_found_by(lamps_and_noise):
    need = Need.objects.get(title="小区门口的路灯坏了很久")
    need.title = "小区门口的井盖松动"
    need.save(update_fields=["title"])

    assert found("路灯") == set()
    assert found("井盖") == {"小区门口的井盖松动"}


def test_a_deleted_need_is_no_longer_found(lamps_and_noise):
    Need.objects.filter(title="工地夜间施工噪音扰民").delete()

    assert found("噪音") == set()


def test_search_stays_inside_what_the_user_may_see(lamps_and_noise, other_resident):
    factories.NeedFactory(title="我家门口的路灯也坏了", is_public=False)

    results = found("路灯", visible_needs(other_resident))

    assert results == {"小区门口的路灯坏了很久"}
