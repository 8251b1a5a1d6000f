"""Find the place a message is about: a residential compound, road, school, company, village.

Titles of residents' messages mostly start with where the problem is
("A5区劳动东路魅力之城小区油烟扰民"). The segmenter (with the user
dictionary) tags unknown proper names as names or places, so a place is a
run of such tokens, optionally ending in a place word (小区, 路, 学院 ...).
Administrative units (A市, A5区, A7县, 西地省) are kept apart as the district.
"""

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from gongzhi.insight.normalize import normalize
from gongzhi.insight.segment import tag

# Words that end a place name, from the most specific kind of place to the least.
PLACE_SUFFIXES = (
    "小区",
    "花园",
    "家园",
    "公寓",
    "大厦",
    "广场",
    "新城",
    "苑",
    "府",
    "城",
    "湾",
    "园",
    "居",
    "学校",
    "学院",
    "大学",
    "中学",
    "小学",
    "幼儿园",
    "医院",
    "卫生院",
    "公司",
    "集团",
    "车贷",
    "银行",
    "物业",
    "市场",
    "商场",
    "酒店",
    "村",
    "社区",
    "路",
    "街",
    "大道",
    "大桥",
    "立交",
    "高速",
    "线",
    "站",
    "镇",
    "街道",
    "乡",
)
# Places where people live, study or work: more specific than roads or lines.
COMPOUND_SUFFIXES = PLACE_SUFFIXES[: PLACE_SUFFIXES.index("村")]
_PROPER_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "ng", "zg", "eng"}
# Institution names are often built from common nouns (商贸旅游职业技术学院).
_NOUN_TAGS = _PROPER_TAGS | {"n", "vn", "an", "s"}
_DISTRICT = re.compile(r"^(?:[A-Z]\d{0,2}[省市区县]|西地省|[A-Z]\d{0,2}市[A-Z]\d{0,2}[区县])$")
# Generic words that look like names to the tagger but never name a place.
_NOT_NAMES = {
    "我们",
    "我",
    "该",
    "本",
    "这个",
    "整个",
    "周边",
    "附近",
    "业主",
    "居民",
    "政府",
    "领导",
    "书记",
    "市长",
    "部门",
    "相关",
    "有关",
    "问题",
    "建议",
    "投诉",
    "反映",
    "关于",
    "请问",
    "市政府",
    "区政府",
    "县政府",
    "市委",
    "有限公司",
    "开发商",
    "临街",
}
_LINKS = {"之", "·"}
_OPENING_CHARS = 150
# Place words that name a level above a compound: a compound's name stops before them.
_PARENT_WORDS = ("路", "街", "大道", "镇", "街道", "乡")


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text, with the district it was given in (may be empty)."""

    district: str
    name: str
    # True when part of the name is a proper name (魅力之城小区), False for a
    # generic one (搅拌站, 有限公司) that many different places share.
    proper: bool = True
    compound: bool = False

    @property
    def key(self) -> str:
        """The name without a trailing generic word, so 魅力之城小区 and 魅力之城 match."""
        return re.sub(r"(小区|社区|片区|项目)$", "", self.name) or self.name

    @property
    def label(self) -> str:
        return f"{self.district}{self.name}"


# Tokens repeat across messages, so the per-token checks are memoised.
@lru_cache(maxsize=1 << 16)
def _is_district(word: str) -> bool:
    return bool(_DISTRICT.match(word))


@lru_cache(maxsize=1 << 16)
def _suffix_of(word: str) -> str:
    # str.endswith with a tuple runs in C; only the rare hits need the loop.
    if not word.endswith(PLACE_SUFFIXES):
        return ""
    return max((suffix for suffix in PLACE_SUFFIXES if word.endswith(suffix)), key=len)


@lru_cache(maxsize=1 << 16)
def _in_run(word: str, pos: str) -> bool:
    if word in _NOT_NAMES or _is_district(word):
        return False
    return pos in _NOUN_TAGS or word in _LINKS or (pos == "m" and word.isdigit())


def _runs(tokens: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Spans [start, end) of consecutive noun-like tokens."""
    spans, start = [], None
    for i, (word, pos) in enumerate([*tokens, ("。", "x")]):
        if i < len(tokens) and _in_run(word, pos):
            start = i if start is None else start
        elif start is not None:
            spans.append((start, i))
            start = None
    return spans


def _suffixed_name(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The run up to its last place word, from the last road/town word on; [] if none."""
    last = max((i for i, (word, _) in enumerate(run) if _suffix_of(word)), default=-1)
    if last < 0:
        return []
    run = run[: last + 1]
    # Cut before the name proper: after a road or town word, or after a verb-noun
    # (办理 in 公正办理58车贷) that precedes a proper name.
    cuts = [
        i
        for i, (word, pos) in enumerate(run[:-1])
        if word.endswith(_PARENT_WORDS) or (pos == "vn" and _is_proper(*run[i + 1]))
    ]
    if cuts and len("".join(word for word, _ in run[cuts[-1] + 1 :])) >= 3:
        run = run[cuts[-1] + 1 :]
    while run and (run[0][0] in _LINKS or run[0][0].isdigit()):
        run = run[1:]
    name = "".join(word for word, _ in run)
    # A bare place word (小区, 学校) names no place in particular.
    return run if len(name) > len(_suffix_of(name)) + 1 else []


def _leading_name(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Proper-name tokens at the start of a run (紫鑫御湖湾 in 紫鑫御湖湾一号房屋)."""
    words = []
    for word, pos in run:
        if pos not in _PROPER_TAGS and word not in _LINKS:
            break
        words.append((word, pos))
    return words if len("".join(word for word, _ in words)) >= 2 else []


def _is_proper(word: str, pos: str) -> bool:
    """A proper-name token: tagged as a name, and more than a bare place word."""
    return pos in _PROPER_TAGS and len(word) > len(_suffix_of(word)) + 1


def _mention(district: str, run: list[tuple[str, str]]) -> PlaceMention:
    name = "".join(word for word, _ in run)
    # A bare place word (幼儿园) is never proper, whatever the tagger said.
    bare = len(name) <= len(_suffix_of(name)) + 1
    proper = not bare and any(_is_proper(word, pos) for word, pos in run)
    return PlaceMention(district, name, proper, name.endswith(COMPOUND_SUFFIXES))


def find_places(text: str, strict: bool = False) -> list[PlaceMention]:
    """Places named in `text`, in order of appearance.

    A place is a run of noun-like tokens ending in a place word, or (unless
    `strict`) the proper name that follows a district, as in the usual
    subject line "A7县松雅湖畔地面停车收费".
    """
    tokens = tag(normalize(text))
    district, found = "", []
    for start, end in _runs(tokens):
        after_district = start > 0 and _is_district(tokens[start - 1][0])
        district = tokens[start - 1][0] if after_district else district
        run = tokens[start:end]
        named = _suffixed_name(run)
        if not named and not strict and after_district:
            named = _leading_name(run)
        if named and len("".join(word for word, _ in named)) <= 16:
            found.append(_mention(district, named))
    return found


def districts_in(text: str) -> list[str]:
    """Administrative units named in `text` (A市, A5区, A7县 ...), in order."""
    return [word for word, _ in tag(normalize(text)) if _is_district(word)]


def main_place(title: str, body: str = "") -> PlaceMention | None:
    """The place a message is about: the first one in its title, else in its opening lines."""
    # Opening lines are free prose; only names that end in a place word count there.
    # A generic name in the subject (搅拌站) gives way to a proper one in the body.
    places = find_places(title)
    if not any(place.proper for place in places):
        places += find_places(body[:_OPENING_CHARS], strict=True)
    if not places:
        return None
    place = max(places, key=_specificity)
    if not place.district:
        districts = [d for d in districts_in(title + body[:200]) if not d.endswith("省")]
        place = replace(place, district=_most_specific(districts))
    return place


def _specificity(place: PlaceMention) -> tuple[bool, bool]:
    """Rank places: proper names first, then residential compounds and institutions."""
    return place.proper, place.compound


def _most_specific(districts: list[str]) -> str:
    """Prefer a district or county (A5区) over the city (A市)."""
    for district in districts:
        if district.endswith(("区", "县")):
            return district
    return districts[0] if districts else ""
