"""Select options read in one query.

Django's `ModelChoiceIterator` reads a choice field's queryset with `.iterator()`, which on PostgreSQL opens a
server-side cursor: DECLARE, FETCH and CLOSE — three round trips per select, fifteen for a form with five
selects (the power item edit page). `ListedChoiceIterator` reads the queryset as an ordinary query and keeps the
rows on the (per-form) queryset, so rendering, validation and `len()` share one read (no COUNT query either)."""
from django.forms.models import ModelChoiceIterator


class ListedChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self):  # the rows themselves, not a COUNT query: they are read for the options anyway
        return len(self.queryset) + (1 if self.field.empty_label is not None else 0)


def list_choices(fields) -> None:
    """Give every plain model choice field of a form (its `fields` dict) the one-query iterator; call it in the
    form's __init__ before the querysets are set."""
    for field in fields.values():
        if getattr(field, "iterator", None) is ModelChoiceIterator:
            field.iterator = ListedChoiceIterator
            field.widget.choices = field.choices
