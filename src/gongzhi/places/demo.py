"""Demo departments of the place layer: names, English names and the fields each answers.

The district demo (`gongzhi.demo`) creates them; module demos reuse them by name.
"""

from gongzhi.places.models import Department, Field, Place

# Every default field is answered by at least one department.
DEPARTMENTS = [
    ("区住建局", ["urban-construction", "livable-homes"]),
    ("区城管局", ["urban-construction", "livable-homes", "ecology"]),
    ("区人社局", ["employment-social-security"]),
    ("区教育局", ["education-sports", "elderly-childcare"]),
    ("区卫健局", ["health", "elderly-childcare"]),
    ("区生态环境局", ["ecology"]),
    ("区交通运输局", ["transport"]),
    ("区商务局", ["business-environment"]),
    ("区市场监管局", ["business-environment", "health"]),
    ("区民政局", ["social-governance", "elderly-childcare"]),
    ("区文旅局", ["mindu-culture", "education-sports"]),
    ("区司法局", ["public-safety-law"]),
    ("区公安分局", ["public-safety-law", "transport"]),
]

# What the English interface calls them.
ENGLISH_NAMES = {
    "区住建局": "District Housing and Urban-Rural Development Bureau",
    "区城管局": "District Urban Management Bureau",
    "区人社局": "District Human Resources and Social Security Bureau",
    "区教育局": "District Education Bureau",
    "区卫健局": "District Health Commission",
    "区生态环境局": "District Ecology and Environment Bureau",
    "区交通运输局": "District Transport Bureau",
    "区商务局": "District Commerce Bureau",
    "区市场监管局": "District Market Regulation Bureau",
    "区民政局": "District Civil Affairs Bureau",
    "区文旅局": "District Culture and Tourism Bureau",
    "区司法局": "District Justice Bureau",
    "区公安分局": "District Public Security Sub-bureau",
    "区决策咨询办": "District Decision Consultation Office",
}


def get_department(name: str, **defaults) -> Department:
    """The demo department called `name`, created with its English name if missing.

    A department made by an earlier demo run without an English name gets it now.
    """
    english = ENGLISH_NAMES.get(name, "")
    department, created = Department.objects.get_or_create(
        name=name, defaults={"name_en": english, **defaults}
    )
    if not created and english and not department.name_en:
        department.name_en = english
        department.save(update_fields=["name_en"])
    return department


def create_departments(district: Place) -> dict[str, Department]:
    """Create (or reuse, by name) the departments and link their fields."""
    fields = {field.code: field for field in Field.objects.all()}
    departments = {}
    for name, codes in DEPARTMENTS:
        department = get_department(name, place=district)
        department.fields.add(*(fields[code] for code in codes if code in fields))
        departments[name] = department
    return departments


def department_for(departments: dict[str, Department], field: Field | None) -> Department:
    """The first department that answers for `field`; 区民政局 when the field is unknown."""
    for name, codes in DEPARTMENTS:
        if field and field.code in codes:
            return departments[name]
    return departments["区民政局"]
