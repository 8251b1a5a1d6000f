"""The demo district's departments and the fields each one answers for."""

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


def create_departments(district: Place) -> dict[str, Department]:
    """Create (or reuse, by name) the departments and link their fields."""
    fields = {field.code: field for field in Field.objects.all()}
    departments = {}
    for name, codes in DEPARTMENTS:
        department, _created = Department.objects.get_or_create(
            name=name, defaults={"place": district}
        )
        department.fields.add(*(fields[code] for code in codes if code in fields))
        departments[name] = department
    return departments


def department_for(departments: dict[str, Department], field: Field | None) -> Department:
    """The first department that answers for `field`; 区民政局 when the field is unknown."""
    for name, codes in DEPARTMENTS:
        if field and field.code in codes:
            return departments[name]
    return departments["区民政局"]
