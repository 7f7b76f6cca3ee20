"""PlainSelect writes the same <select> as Django's template-rendered forms.Select."""
import re

from django import forms

from bianzhi.core.widgets import PlainSelect

CHOICES = [("", "---------"), ("1", "百色市教育局"), ("2", "右江区<财政>局 & “所”"),
           ("地区", [("3", "田阳区"), ("4", "田东县")])]


def tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_same_html_as_the_template_rendered_select():
    for value in ("", "2", "4", None):
        attrs = {"id": "id_unit", "class": "wide", "required": True}
        assert tags(PlainSelect(choices=CHOICES).render("unit", value, attrs)) == \
            tags(forms.Select(choices=CHOICES).render("unit", value, attrs))
    html = PlainSelect(choices=CHOICES).render("unit", "2")
    assert '<option value="2" selected>右江区&lt;财政&gt;局 &amp; “所”</option>' in html
    assert html.count(" selected") == 1 and '<optgroup label="地区">' in html
