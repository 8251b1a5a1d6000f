"""The English interface: pages read in English when English is chosen, and the catalog is complete."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

import gongzhi

pytestmark = pytest.mark.django_db

CATALOG = Path(gongzhi.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Interface labels that must not show through untranslated on an English page.
CHINESE_LABELS = [
    "民生诉求",
    "参政议政",
    "成果库",
    "法务服务",
    "信息库",
    "我要反映",
    "登录",
    "首页",
    "搜索",
    "筛选",
]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_home_page_reads_in_english_with_the_language_cookie(client):
    page = english(client).get("/").content.decode()

    assert '<html lang="en"' in page
    for label in ["Needs", "Participation", "Results", "Legal services", "Library", "Raise a need"]:
        assert label in page
    for label in CHINESE_LABELS[:6]:
        assert label not in page


def test_the_needs_list_reads_in_english(client):
    page = english(client).get(reverse("needs:need_list")).content.decode()

    assert "Search" in page and "Filter" in page
    for label in CHINESE_LABELS:
        assert label not in page


def test_accept_language_english_is_honoured(client):
    page = client.get(reverse("needs:need_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Raise a need" in page
    assert "我要反映" not in page


def test_chinese_stays_the_default(client):
    page = client.get("/").content.decode()

    assert "我要反映" in page


def _entries(text: str):
    """(msgid, [msgstr, ...], flags) for each entry of a .po file, obsolete ones left out."""
    for block in text.strip().split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                fields[key] = match.group(2)
            elif key:
                fields[key] += line.strip()[1:-1]
        if "msgid" in fields:
            yield fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")], flags


def test_the_english_catalog_has_no_untranslated_or_fuzzy_entry():
    entries = [e for e in _entries(CATALOG.read_text(encoding="utf-8")) if e[0] != ""]

    assert len(entries) > 1000
    untranslated = [msgid for msgid, msgstrs, _flags in entries if not all(msgstrs)]
    fuzzy = [msgid for msgid, _msgstrs, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalog_is_shipped():
    compiled = CATALOG.with_suffix(".mo")

    assert compiled.exists()
    assert compiled.stat().st_size > 10_000


def test_a_department_reads_in_english_where_it_has_an_english_name(client):
    from tests import factories

    department = factories.DepartmentFactory(
        name="区交通运输局", name_en="District Transport Bureau"
    )
    need = factories.NeedFactory(department=department)
    url = reverse("needs:need_detail", args=[need.pk])

    assert "District Transport Bureau" in english(client).get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = client.get(url).content.decode()
    assert "区交通运输局" in chinese and "District Transport Bureau" not in chinese
