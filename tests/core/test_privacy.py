"""redact(): personal numbers and addresses masked, ordinary numbers left alone."""

import pytest

from gongzhi.core.privacy import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("13812345678", "[电话已隐藏]", id="mobile"),
        pytest.param("138-1234-5678", "[电话已隐藏]", id="mobile-with-dashes"),
        pytest.param("138 1234 5678", "[电话已隐藏]", id="mobile-with-spaces"),
        pytest.param("+86 138 1234 5678", "[电话已隐藏]", id="mobile-plus-86-spaced"),
        pytest.param("+86-13812345678", "[电话已隐藏]", id="mobile-plus-86-dash"),
        pytest.param("+8613812345678", "[电话已隐藏]", id="mobile-plus-86-joined"),
        pytest.param("8613812345678", "[电话已隐藏]", id="mobile-86-without-plus"),
        pytest.param("１３８１２３４５６７８", "[电话已隐藏]", id="mobile-in-full-width-digits"),
        pytest.param("0591-87654321", "[电话已隐藏]", id="landline-with-area-code"),
        pytest.param("0591 87654321", "[电话已隐藏]", id="landline-spaced"),
        pytest.param("010-12345678", "[电话已隐藏]", id="landline-beijing"),
        pytest.param("0591-8765-4321", "[电话已隐藏]", id="landline-split-number"),
        pytest.param("(0591)87654321", "[电话已隐藏]", id="landline-area-code-in-brackets"),
        pytest.param("（0591）8765 4321", "[电话已隐藏]", id="landline-full-width-brackets"),
        pytest.param("400-123-4567", "[电话已隐藏]", id="service-400"),
        pytest.param("4001234567", "[电话已隐藏]", id="service-400-joined"),
        pytest.param("800 123 4567", "[电话已隐藏]", id="service-800"),
        pytest.param("350102199001011234", "[身份证号已隐藏]", id="id-card"),
        pytest.param("35010219900101123X", "[身份证号已隐藏]", id="id-card-with-X"),
        pytest.param("35010219900101123x", "[身份证号已隐藏]", id="id-card-with-x"),
        pytest.param("350102900101123", "[身份证号已隐藏]", id="old-15-digit-id-card"),
        pytest.param("zhang.san@example.com", "[邮箱已隐藏]", id="email"),
        pytest.param("li_si+gz@mail.fz.gov.cn", "[邮箱已隐藏]", id="email-with-subdomains"),
        pytest.param("6222021234567890123", "[号码已隐藏]", id="bank-card"),
    ],
)
def test_personal_numbers_are_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "我的电话是13812345678，请尽快联系。",
            "我的电话是[电话已隐藏]，请尽快联系。",
            id="mobile-in-a-sentence",
        ),
        pytest.param(
            "身份证号码35010219900101123X已提交。",
            "身份证号码[身份证号已隐藏]已提交。",
            id="id-card-in-a-sentence",
        ),
        pytest.param(
            "请发到zhangsan@qq.com谢谢",
            "请发到[邮箱已隐藏]谢谢",
            id="email-between-chinese-words",
        ),
        pytest.param(
            "联系邮箱：li_si@fz.gov.cn。",
            "联系邮箱：[邮箱已隐藏]。",
            id="email-before-a-full-stop",
        ),
        pytest.param(
            "物业电话（0591）87654321，手机138-1234-5678。",
            "物业电话[电话已隐藏]，手机[电话已隐藏]。",
            id="two-phones-in-a-sentence",
        ),
    ],
)
def test_only_the_personal_part_of_a_sentence_is_masked(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2019年",
        "94256元",
        "2019年3月4日上午10:30",
        "2020-05-01",
        "3号楼502室",
        "12345热线",
        "110报警",
        "GDP增长6.5%",
        "共计1,234,567元",
        "工程投资94256元，2019年开工",
        "永金国用（2002)字第（0999）号",
        "1999 2000 2001年",
        "面积85平方米，每平方1200元",
        "第0591号文件",
    ],
)
def test_ordinary_numbers_are_left_alone(text):
    assert redact(text) == text


@pytest.mark.parametrize("text", ["", None])
def test_empty_text_passes_through(text):
    assert redact(text) == text


def test_the_data_sets_english_placeholders_read_as_chinese_notes():
    assert redact("我叫<NAME>，电话<PHONE>") == "我叫[姓名已隐藏]，电话[电话已隐藏]"
