from django.db import migrations

from gongzhi.core.search import search_index_operation


def create_spaces(apps, schema_editor):
    Field = apps.get_model("places", "Field")
    FieldSpace = apps.get_model("participation", "FieldSpace")
    for field in Field.objects.all():
        FieldSpace.objects.get_or_create(field=field)


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial"), ("places", "0003_default_fields")]

    operations = [
        search_index_operation("participation_deliberation"),
        search_index_operation("participation_comment"),
        search_index_operation("participation_microproject"),
        migrations.RunPython(create_spaces, migrations.RunPython.noop),
    ]
