from datetime import UTC, datetime, timedelta

from gongzhi.insight.hotspots import Message, find_hotspots, heat_index
from gongzhi.insight.places import main_place

START = datetime(2019, 8, 1, 9, 0, tzinfo=UTC)


def message(number, title, body="", days=0, user=None, likes=0):
    return Message(
        id=str(number),
        user_id=user or f"U{number}",
        title=title,
        body=body,
        posted_at=START + timedelta(days=days),
        likes=likes,
    )


CRAFTED = [
    message(1, "A5区魅力之城小区临街商铺油烟扰民", "楼下餐馆油烟直排，晚上噪音很大", 0),
    message(2, "A5区魅力之城小区底层餐馆油烟噪音扰民", "商铺营业到凌晨，油烟噪音影响休息", 3),
    message(3, "魅力之城小区夜宵摊油烟扰民严重", "一楼夜宵摊油烟熏人，噪音扰民", 6, likes=5),
    message(4, "A2区丽发新城小区附近搅拌站噪音扰民", "搅拌站日夜施工，粉尘噪音严重", 1),
    message(5, "A2区丽发新城小区旁搅拌站粉尘污染", "搅拌站粉尘大，噪音扰民，孩子无法休息", 4),
    message(6, "A3区郝家坪小学何时改扩建", "学校太小，学位紧张", 2),
]


def test_places_are_found_in_titles_with_their_district():
    place = main_place("A5区劳动东路魅力之城小区油烟扰民")

    assert place.district == "A5区"
    assert place.name == "魅力之城小区"


def test_same_place_same_problem_is_grouped_and_other_places_kept_apart():
    spots = find_hotspots(CRAFTED, top=5)

    groups = {frozenset(spot.message_ids) for spot in spots}
    assert frozenset({"1", "2", "3"}) in groups
    assert frozenset({"4", "5"}) in groups
    assert all("6" not in spot.message_ids for spot in spots)


def test_hotspot_titles_name_the_place_and_the_problem():
    spots = {frozenset(s.message_ids): s for s in find_hotspots(CRAFTED, top=5)}

    spot = spots[frozenset({"1", "2", "3"})]
    assert spot.place == "A5区魅力之城小区"
    assert spot.title.startswith("A5区魅力之城小区：")
    assert "油烟" in spot.title
    assert spot.rank == 1
    assert spot.first_at == START and spot.last_at == START + timedelta(days=6)


def test_messages_far_apart_in_time_are_not_grouped():
    far = [CRAFTED[0], message(9, "A5区魅力之城小区商铺油烟扰民", "油烟扰民", days=400)]

    assert find_hotspots(far, top=5, window_days=60) == []


def test_heat_counts_people_more_than_reposts():
    reposts = [message(n, "同一问题", days=n, user="U1") for n in range(4)]
    people = [message(n, "同一问题", days=n) for n in range(4)]

    assert heat_index(people, 60) > heat_index(reposts, 60)


def test_no_messages_no_hotspots():
    assert find_hotspots([], top=5) == []
