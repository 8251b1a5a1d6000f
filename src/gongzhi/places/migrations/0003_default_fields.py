"""The twelve default policy fields (特色领域); the district edits them in the admin afterwards."""

from django.db import migrations

DEFAULT_FIELDS = [
    ("social-governance", "社会治理", "Social governance", ""),
    ("livable-homes", "宜居家园", "Livable homes", ""),
    ("mindu-culture", "闽都文化", "Mindu culture", ""),
    ("urban-construction", "城市建设", "Urban construction", "城乡建设"),
    ("ecology", "生态环境", "Ecology and environment", "环境保护"),
    ("transport", "交通出行", "Transport", "交通运输"),
    ("education-sports", "教育体育", "Education and sports", "教育文体"),
    ("health", "医疗卫生", "Health care", "卫生计生"),
    ("employment-social-security", "就业社保", "Employment and social security", "劳动和社会保障"),
    ("business-environment", "营商环境", "Business environment", "商贸旅游"),
    ("elderly-childcare", "养老托育", "Elderly and child care", ""),
    ("public-safety-law", "平安法治", "Public safety and rule of law", ""),
]


def create(apps, schema_editor):
    Field = apps.get_model("places", "Field")
    for position, (code, name, name_en, aliases) in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "aliases": aliases, "position": position},
        )


def remove(apps, schema_editor):
    Field = apps.get_model("places", "Field")
    Field.objects.filter(code__in=[code for code, *_ in DEFAULT_FIELDS], needs__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0002_field_aliases")]

    operations = [migrations.RunPython(create, remove)]
