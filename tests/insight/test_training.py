import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from gongzhi.insight import training
from gongzhi.insight.classify import Classifier
from gongzhi.insight.datasets import LabelledText
from gongzhi.insight.features import CharGrams, _gram_keys

TOPICS = {
    "交通": [
        "公交线路太少",
        "地铁站出口拥堵",
        "红绿灯时间太短",
        "公交车不准点",
        "道路限速不合理",
        "出租车拒载",
    ],
    "教育": [
        "学校乱收补课费",
        "幼儿园学位不够",
        "学生课业负担重",
        "学校食堂太差",
        "老师体罚学生",
        "学区划分不公",
    ],
    "环境": [
        "工厂排放废气",
        "河道污水直排",
        "垃圾焚烧臭味",
        "工地扬尘严重",
        "夜间施工噪音",
        "油烟直排扰民",
    ],
}
TINY = [LabelledText(text, "", label) for label, texts in TOPICS.items() for text in texts]


def test_fit_on_a_tiny_set_learns_its_labels_deterministically():
    recipe = training.RECIPES["field"]

    first = Classifier("tiny", *training.fit(TINY, recipe), manifest={})
    second = Classifier("tiny", *training.fit(TINY, recipe), manifest={})

    predictions = first.predict(["公交车太挤", "学校收费", "工厂废气"])
    assert [p.label for p in predictions] == ["交通", "教育", "环境"]
    assert np.allclose(first.model.coef_, second.model.coef_)


def test_char_grams_match_sklearns_char_analyzer():
    texts = ["小区油烟扰民", "ABC小区噪音", "公交线路", "油烟"]
    ours = CharGrams(max_n=2, min_df=2).fit_transform(texts)
    theirs = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=2, sublinear_tf=True)

    expected = theirs.fit_transform(texts)

    assert ours.shape == expected.shape
    assert np.allclose(np.sort(ours.toarray(), axis=1), np.sort(expected.toarray(), axis=1))


def test_char_grams_transform_handles_empty_texts_and_unseen_grams_like_sklearn():
    train = ["小区油烟扰民", "ABC小区噪音", "公交线路", "油烟", "公交油烟"]
    ours = CharGrams(max_n=2, min_df=2)
    theirs = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    ours.fit_transform(train)
    theirs.fit(train)
    # Line up our columns with sklearn's vocabulary to compare cell by cell.
    names = sorted(theirs.vocabulary_, key=theirs.vocabulary_.get)
    order = [int(np.searchsorted(ours.vocabulary_, _gram_keys(name, 2)[-1])) for name in names]
    unseen = ["", "油烟油烟很大", "完全陌生", "", "小区公交"]

    got = ours.transform(unseen).toarray()[:, order]

    assert np.allclose(got, theirs.transform(unseen).toarray(), atol=1e-6)
    assert not got[0].any() and not got[3].any()
