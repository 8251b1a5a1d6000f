from django.db import migrations

from gongzhi.core.search import search_index_operation


class Migration(migrations.Migration):
    dependencies = [("needs", "0002_initial")]

    operations = [search_index_operation("needs_need")]
