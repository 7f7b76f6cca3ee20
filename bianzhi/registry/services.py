"""Registry write operations that touch more than one row."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bianzhi.accounts.scope import unit_placement_errors

from .models import Unit, UnitRelation


@transaction.atomic
def save_unit(unit: Unit, *, expected_version: int | None = None, relation_document=None, acting_user=None) -> Unit:
    """Save a unit; when its 主管部门 or relation type changed, close the old dated relation and open a new one.
    With `acting_user`, the target region and 主管部门 must lie in that user's change scope."""
    if acting_user is not None:
        errors = unit_placement_errors(acting_user, unit)
        if errors:
            raise ValidationError(errors)
    previous = None
    if unit.pk:
        previous = Unit._base_manager.filter(pk=unit.pk).values("parent_id", "parent_relation_id").first()
    unit.save(expected_version=expected_version)
    old_parent = previous["parent_id"] if previous else None
    old_type = previous["parent_relation_id"] if previous else None
    if (old_parent, old_type) != (unit.parent_id, unit.parent_relation_id):
        today = timezone.localdate()
        if old_parent:
            for rel in UnitRelation.objects.filter(subordinate=unit, superior_id=old_parent, end_date__isnull=True):
                rel.end_date = today
                rel.save()
        if unit.parent_id:
            UnitRelation.objects.create(superior_id=unit.parent_id, subordinate=unit,
                                        relation_type_id=unit.parent_relation_id,
                                        start_date=unit.established_on if previous is None else today,
                                        document=relation_document)
    return unit
