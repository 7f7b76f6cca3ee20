"""Form widgets for pages that carry long drop-downs."""
from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    return format_html_join("", "{}", ((format_html(" {}", k) if v is True else format_html(' {}="{}"', k, v),)
                                       for k, v in attrs.items() if v is not False))


class PlainSelect(forms.Select):
    """A <select> written in Python instead of one template render per <option> (Django's default): a filter of a
    few hundred units or regions costs ~1 ms instead of ~25 ms of CPU (bench/staff_pages.py: the county office's
    权力清单 page carries about 300 options). The same HTML as forms.Select, without the blank lines."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                out.append(format_html('<optgroup label="{}">', group))
            for option in options:
                out.append(format_html('<option value="{}"{}>{}</option>', option["value"], _attrs(option["attrs"]),
                                       option["label"]))
            if group:
                out.append("</optgroup>")
        out.append("</select>")
        return mark_safe("".join(out))  # every part above is escaped by format_html
