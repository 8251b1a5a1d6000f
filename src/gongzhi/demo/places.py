"""The demo place tree of 鼓楼区, Fuzhou: real subdistricts, generated communities and grids.

The ten subdistricts are the district's real ones. Community names are
plausible local names, not the official list; codes are ASCII slugs because
`Place.path` is built from codes.
"""

import random

from gongzhi.places.models import Place

DISTRICT = ("gulou", "鼓楼区")

# (code, name, community name stems)
SUBDISTRICTS = [
    ("gudong", "鼓东街道", ["庆城", "钱塘", "观风亭", "大根", "三角井", "冶山", "鼓屏", "东门"]),
    ("guxi", "鼓西街道", ["西湖", "双抛", "宿舍", "凤湖", "卫前", "杨桥", "西门", "渡鸡口"]),
    ("wenquan", "温泉街道", ["温泉", "汤边", "五一", "军门", "湖东", "斗池", "东大"]),
    ("dongjie", "东街街道", ["东街", "井大", "文藻", "府西", "八一七", "南营", "法海"]),
    ("nanjie", "南街街道", ["三坊七巷", "塔巷", "澳门路", "吉庇", "光禄坊", "道山", "南后街"]),
    ("antai", "安泰街道", ["朱紫坊", "仙塔", "安泰", "乌山", "中山", "刘家", "津泰"]),
    ("huada", "华大街道", ["屏西", "华大", "北大", "屏东", "湖头", "龙峰", "北门"]),
    ("shuibu", "水部街道", ["水部", "琼东", "温泉山", "古田", "河西", "新港", "南公园"]),
    ("wufeng", "五凤街道", ["五凤", "树兜", "凤仪", "铜盘", "东二环", "左海", "梅峰"]),
    ("hongshan", "洪山镇", ["洪山", "西洪", "祭酒岭", "洪甘", "淮安", "国货", "上浦", "新厝"]),
]

GRID_NAMES = ["第一网格", "第二网格", "第三网格", "第四网格", "第五网格"]


def create_places(rng: random.Random, communities_per_subdistrict: int | None = None) -> Place:
    """Create the tree and return the district; `communities_per_subdistrict` trims it for tests."""
    code, name = DISTRICT
    district = Place.objects.create(code=code, name=name, level=Place.Level.DISTRICT, is_demo=True)
    subdistricts = [
        Place(code=code, name=name, level=Place.Level.SUBDISTRICT, parent=district, is_demo=True)
        for code, name, _stems in SUBDISTRICTS
    ]
    _bulk_create(subdistricts)

    communities = []
    for subdistrict, (_code, _name, stems) in zip(subdistricts, SUBDISTRICTS, strict=True):
        for number, stem in enumerate(stems[:communities_per_subdistrict], start=1):
            communities.append(
                _child(
                    subdistrict,
                    f"{subdistrict.code}-{number:02d}",
                    f"{stem}社区",
                    Place.Level.COMMUNITY,
                )
            )
    _bulk_create(communities)

    grids = [
        _child(community, f"{community.code}-{number}", grid_name, Place.Level.GRID)
        for community in communities
        for number, grid_name in enumerate(GRID_NAMES[: rng.randint(3, 5)], start=1)
    ]
    _bulk_create(grids)
    return district


def _child(parent: Place, code: str, name: str, level: str) -> Place:
    return Place(code=code, name=name, level=level, parent=parent, is_demo=True)


def _bulk_create(places: list[Place]) -> None:
    # bulk_create skips Place.save(), which is where the path is built.
    for place in places:
        place.path = f"{place.parent.path}{place.code}/"
    Place.objects.bulk_create(places)
