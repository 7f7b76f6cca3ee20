"""The staff navigation (core.context_processors.platform): every app's menu entries on a signed-in page, under the
deployment's script prefix, and none for an anonymous visitor. The entries are reversed once per prefix."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import get_script_prefix, reverse, set_script_prefix

from bianzhi.core.context_processors import platform


@pytest.mark.django_db
def test_staff_navigation_on_a_page_and_under_a_script_prefix(client_for, client, users):
    powers = reverse("lists:power-list")
    page = client_for("luru").get(powers).content.decode()
    assert f'<a href="{powers}">权力清单</a>' in page and f'<a href="{reverse("sanding:home")}">三定</a>' in page
    anonymous = client.get("/accounts/login/").content.decode()
    assert f'<a href="{powers}">权力清单</a>' not in anonymous

    request = RequestFactory().get("/")
    request.user = users["luru"]
    plain = platform(request)["nav_items"]
    assert {"label": "权力清单", "url": powers} in plain
    before = get_script_prefix()
    set_script_prefix("/bianzhi/")
    try:
        prefixed = platform(request)["nav_items"]
    finally:
        set_script_prefix(before)
    assert [i["url"] for i in prefixed] == ["/bianzhi" + i["url"] for i in plain]
    assert platform(request)["nav_items"] == plain
    request.user = AnonymousUser()
    assert platform(request)["nav_items"] == []
