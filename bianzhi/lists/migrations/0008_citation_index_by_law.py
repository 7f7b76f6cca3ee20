"""lists_citation's (law_id, article_key) index replaced by one on law_id alone (docs/adr/0043-citations-indexed-by-law.md):
an import's citation took its entry at the random place of its (law, article) pair; by law alone, each entry goes at
the end of its law's run (keys ascend). Every query that reads citations by law filters on law_id only (the law page,
the law list's counts, PROTECT on deleting a law, SQLite's foreign-key check). Both operations are CREATE / DROP INDEX
on both databases (no table copy)."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("lists", "0007_poweritem_index_by_unit")]

    operations = [
        migrations.AddIndex(
            model_name="citation",
            index=models.Index(fields=["law"], name="lists_citation_law"),
        ),
        migrations.RemoveIndex(
            model_name="citation",
            name="lists_citat_law_id_4e00cf_idx",
        ),
    ]
