from gongzhi.insight.segment import parse_entry, search_terms, tag, words


def test_user_dictionary_keeps_local_places_and_departments_whole():
    result = words("A5区魅力之城小区油烟扰民，请住建局处理")

    assert "A5区" in result
    assert "魅力之城小区" in result
    assert "住建局" in result


def test_words_drop_punctuation():
    assert "，" not in words("你好，世界。")


def test_search_terms_are_lower_case_and_unique():
    terms = search_terms("ABC小区 abc小区")

    assert len(terms) == len(set(terms))
    assert all(term == term.lower() for term in terms)


def test_search_terms_include_parts_of_long_place_names():
    terms = search_terms("魅力之城小区")

    assert "魅力之城小区" in terms
    assert "小区" in terms


def test_tag_marks_dictionary_places():
    assert ("魅力之城小区", "ns") in tag("魅力之城小区")


def test_parse_entry_reads_defaults_and_skips_comments():
    assert parse_entry("# comment") is None
    assert parse_entry("   ") is None
    assert parse_entry("公积金") == ("公积金", 20000, "n")
    assert parse_entry("住建局 30000 nt") == ("住建局", 30000, "nt")
