import pytest

from gongzhi.insight import classify
from gongzhi.insight.metrics import evaluate

FIELD_LABELS = {
    "城乡建设",
    "劳动和社会保障",
    "教育文体",
    "商贸旅游",
    "卫生计生",
    "环境保护",
    "交通运输",
}


@pytest.fixture(scope="module")
def field():
    return classify.load("field")


def test_field_model_predicts_labels_from_the_dataset_with_probabilities(field):
    predictions = field.predict(
        ["公司拖欠工资三个月", "小区旁边工厂排放废气", "学校强制补课收费"],
        ["老板一直拖欠我们的工资，劳动监察也不管", "每天晚上都有刺鼻气味，污染严重", ""],
    )

    assert [p.label for p in predictions] == ["劳动和社会保障", "环境保护", "教育文体"]
    for prediction in predictions:
        assert prediction.label in FIELD_LABELS
        assert 0.0 <= prediction.confidence <= 1.0
        assert prediction.top[0] == (prediction.label, prediction.confidence)
        assert [p for _, p in prediction.top] == sorted(
            (p for _, p in prediction.top), reverse=True
        )


def test_field_model_labels_are_the_seven_dataset_labels(field):
    assert set(field.labels) == FIELD_LABELS


def test_legal_model_takes_questions_without_bodies():
    legal = classify.load("legal")

    [prediction] = legal.predict(["老公出轨要离婚，孩子抚养权归谁"], k=2)

    assert prediction.label == "婚姻家庭"
    assert len(prediction.top) == 2


def test_manifest_records_version_seed_and_data_hashes(field):
    manifest = field.manifest

    assert manifest["version"].startswith("field-")
    assert len(manifest["data_sha256"]) == 2
    assert 0.0 < manifest["dev_metrics"]["macro_f1"] <= 1.0


def test_unknown_model_is_refused():
    with pytest.raises(ValueError):
        classify.load("weather")


def test_mismatched_titles_and_bodies_are_refused(field):
    with pytest.raises(ValueError):
        field.predict(["一", "二"], ["只有一个"])


def test_evaluate_reports_accuracy_macro_f1_and_top2():
    report = evaluate(["a", "b", "b"], ["a", "b", "a"], [["a", "b"], ["b", "a"], ["a", "b"]])

    assert report.accuracy == pytest.approx(2 / 3)
    assert report.top2_accuracy == 1.0
    assert "macro-F1" in report.table()
