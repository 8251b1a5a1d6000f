from django.db import migrations

from gongzhi.core.search import search_index_operation


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [search_index_operation("library_item")]
