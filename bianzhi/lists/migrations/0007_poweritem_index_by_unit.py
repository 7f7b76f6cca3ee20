"""lists_poweritem's (unit_id, name_key) index replaced by one on unit_id alone (docs/adr/0040-power-items-indexed-by-unit.md):
an import's new item took its entry at a random place of the composite index (names do not come in key order); by unit
alone, each entry goes at the end of its unit's run (keys ascend). The lookups by name within a unit read the unit's
items (the 责任清单 importer: once per unit). Both operations are CREATE / DROP INDEX on both databases (no table copy)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("lists", "0006_drop_poweritem_name_key_index")]

    operations = [
        migrations.AddIndex(
            model_name="poweritem",
            index=models.Index(fields=["unit"], name="lists_power_unit"),
        ),
        migrations.RemoveIndex(
            model_name="poweritem",
            name="lists_power_unit_id_5a2df5_idx",
        ),
    ]
