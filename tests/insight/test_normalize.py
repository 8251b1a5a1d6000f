from gongzhi.insight.normalize import normalize, to_traditional


def test_full_width_letters_digits_and_punctuation_become_half_width():
    assert normalize("ＡＢＣ１２３，（ｘ）") == "ABC123,(x)"


def test_traditional_characters_become_simplified():
    assert normalize("請聯繫住建局處理違章建築") == "请联系住建局处理违章建筑"


def test_simplified_round_trips_through_traditional():
    assert normalize(to_traditional("小区噪音扰民")) == "小区噪音扰民"


def test_whitespace_runs_collapse_to_one_space():
    assert normalize("  多个\u3000空格\t_x000D_\n换行\u200b了  ") == "多个 空格 换行 了"


def test_mobile_and_landline_numbers_become_phone_placeholders():
    text = normalize("请拨打13812345678或0731-84567890")

    assert text == "请拨打<PHONE>或<PHONE>"


def test_bare_seven_digit_number_is_scrubbed_only_after_a_phone_word():
    assert normalize("联系电话：8456789") == "联系电话:<PHONE>"
    assert normalize("罚款8456789元") == "罚款8456789元"


def test_id_number_email_and_plate_become_placeholders():
    text = normalize("身份证43010219900101123X，邮箱 zhang.san@qq.com，车牌湘A12345")

    assert text == "身份证<IDCARD>,邮箱 <EMAIL>,车牌<PLATE>"


def test_long_digit_runs_become_longnum():
    assert normalize("卡号6222021234567890123") == "卡号<LONGNUM>"


def test_existing_placeholders_and_dates_survive():
    assert normalize("电话<PHONE>，2019年3月") == "电话<PHONE>,2019年3月"


def test_empty_text_stays_empty():
    assert normalize("") == ""


def test_masked_mobile_and_country_code_and_service_numbers_become_phone():
    assert normalize("手机：138****5678，+8613912345678，400-123-4567") == (
        "手机:<PHONE>,<PHONE>,<PHONE>"
    )


def test_dates_amounts_and_case_numbers_are_kept():
    text = "2019-03-04 案号(2019)湘0102民初1234号 金额12000000元"

    assert normalize(text) == text
