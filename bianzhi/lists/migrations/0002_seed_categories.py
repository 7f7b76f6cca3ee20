"""Seed the 事项类别 dictionary: the ten national categories (“9+X”) and 公共服务, with code prefixes and the
procedural stages of their per-power responsibilities. Administrators edit and extend it afterwards."""
from django.db import migrations

from bianzhi.lists.seed import CATEGORIES


def seed(apps, schema_editor):
    PowerCategory = apps.get_model("lists", "PowerCategory")
    for i, (name, prefix, is_power, stages) in enumerate(CATEGORIES):
        if not PowerCategory.objects.filter(name=name).exists():
            PowerCategory.objects.create(name=name, name_key=name, code_prefix=prefix, is_power=is_power,
                                         stages=stages, sort_order=(i + 1) * 10)


class Migration(migrations.Migration):
    dependencies = [("lists", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
