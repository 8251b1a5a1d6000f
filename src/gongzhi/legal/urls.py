from django.urls import path

from gongzhi.legal import event_views, views

app_name = "legal"

urlpatterns = [
    path("", views.legal_home, name="legal_home"),
    path("stations/<int:pk>/", views.workstation_detail, name="workstation_detail"),
    path("new/", views.case_create, name="case_create"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/export.csv", views.case_export, name="case_export"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/book/", views.case_book, name="case_book"),
    path("cases/<int:pk>/documents/<int:document_id>/", views.case_document, name="case_document"),
    path(
        "cases/<int:pk>/appointments/<int:appointment_id>/<slug:name>/",
        views.appointment_act,
        name="appointment_act",
    ),
    path("cases/<int:pk>/<slug:name>/", views.case_act, name="case_act"),
    path("figures/", views.figure_page, name="figures"),
    path("events/", event_views.event_list, name="event_list"),
    path("events/new/", event_views.event_create, name="event_create"),
    path("events/<int:pk>/", event_views.event_detail, name="event_detail"),
    path("events/<int:pk>/register/", event_views.event_register, name="event_register"),
    path("events/<int:pk>/photos/<int:photo_id>/", event_views.event_photo, name="event_photo"),
    path(
        "events/<int:pk>/materials/<int:material_id>/",
        event_views.event_material,
        name="event_material",
    ),
    path("events/<int:pk>/<slug:name>/", event_views.event_act, name="event_act"),
]
