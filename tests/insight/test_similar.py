import pytest

from gongzhi.insight.similar import SimilarityIndex

NEEDS = [
    (1, "A5区魅力之城小区临街商铺油烟噪音扰民，晚上十二点还在营业，请相关部门处理"),
    (2, "A市经济学院强制学生外出实习，不去就不给毕业证"),
    (3, "黄星大道路灯不亮，晚上出行很不安全"),
    (4, "希望在梅溪湖片区增设公交线路，方便居民上下班"),
    (5, "A7县星沙镇某小区物业乱收停车费"),
]


@pytest.fixture
def index():
    return SimilarityIndex(NEEDS)


def test_query_returns_the_near_duplicate_first(index):
    results = index.query("魅力之城小区的商铺油烟和噪音扰民严重，晚上营业到十二点")

    assert results[0][0] == 1
    assert results[0][1] > results[1][1]


def test_query_returns_at_most_k_results_with_scores_between_zero_and_one(index):
    results = index.query("小区物业收费", k=3)

    assert len(results) <= 3
    assert all(0.0 < score <= 1.0 + 1e-6 for _, score in results)


def test_query_leaves_out_excluded_ids(index):
    results = index.query("经济学院强制实习", exclude=[2])

    assert 2 not in [doc_id for doc_id, _ in results]


def test_added_document_is_found_by_the_next_query(index):
    index.add(6, "星沙大道渣土车夜间运输扬尘严重")

    assert index.query("星沙大道渣土车扬尘")[0][0] == 6
    assert len(index) == 6


def test_duplicates_of_finds_a_repost_above_the_threshold_but_not_other_needs(index):
    index.add(7, "A市经济学院强制学生外出实习，不去实习就不给毕业证！")

    duplicates = index.duplicates_of(2)

    assert [doc_id for doc_id, _ in duplicates] == [7]


def test_adding_an_id_twice_is_refused(index):
    with pytest.raises(ValueError):
        index.add(1, "重复")


def test_empty_index_answers_with_nothing():
    assert SimilarityIndex().query("任何文字") == []
