from django.db import migrations

from gongzhi.core.search import search_index_operation


class Migration(migrations.Migration):
    dependencies = [("consultation", "0001_initial")]

    operations = [search_index_operation("consultation_topic")]
