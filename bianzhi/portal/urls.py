from django.urls import path

from . import staff_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("region/<str:code>/", views.region_detail, name="region"),
    path("region/<str:code>/data.<str:fmt>", views.region_download, name="region-download"),
    path("unit/<int:pk>/", views.unit_detail, name="unit"),
    path("unit/<int:pk>/data.<str:fmt>", views.unit_download, name="unit-download"),
    path("data/", views.open_data, name="open-data"),
    path("data/releases/<int:number>.json", views.release_dump, name="release-dump"),
    path("feed.atom", views.feed_atom, name="feed-atom"),
    path("feed.json", views.feed_json, name="feed-json"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
    # Staff pages (login required), under /manage/ like every app's staff UI.
    path("manage/portal/", staff_views.PublicationListView.as_view(), name="manage"),
    path("manage/portal/units/<int:unit_pk>/unpublish/", staff_views.UnpublishView.as_view(), name="unpublish"),
]
