from django.urls import path

from . import views

app_name = "personnel"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:unit_pk>/", views.unit_view, name="unit"),
    path("units/<int:unit_pk>/publish/", views.unit_publish, name="unit-publish"),
    path("units/<int:unit_pk>/apply/", views.application_create, name="application-create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/exit/", views.person_exit, name="person-exit"),
    path("people/<int:pk>/change/", views.person_change, name="person-change"),
    path("applications/", views.application_list, name="application-list"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/fire/<slug:name>/", views.application_fire, name="application-fire"),
    path("applications/<int:pk>/enter/", views.application_enter, name="application-enter"),
    path("notices/<int:pk>.pdf", views.notice_pdf, name="notice-pdf"),
    path("import/", views.import_view, name="import"),
    path("ledger/", views.ledger_view, name="ledger"),
    path("ledger.xlsx", views.ledger_export, name="ledger-export"),
]
