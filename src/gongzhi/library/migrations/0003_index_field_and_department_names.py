"""Library items are now found by the names of their field and department too.

The search words of items saved before this change are computed again here;
later saves keep them up to date (Item.search_parts).
"""

from django.db import migrations

from gongzhi.core.search import index_text


def reindex(apps, schema_editor):
    Item = apps.get_model("library", "Item")
    for item in Item.objects.select_related("field", "department").iterator(chunk_size=500):
        words = index_text(
            item.title,
            item.body,
            item.field.name if item.field_id else "",
            item.department.name if item.department_id else "",
        )
        Item.objects.filter(pk=item.pk).update(search_words=words)


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search_index")]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
