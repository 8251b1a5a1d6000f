from django.urls import path

from gongzhi.consultation import views

app_name = "consultation"

urlpatterns = [
    path("", views.topic_list, name="topic_list"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/start/<slug:way>/", views.topic_start, name="topic_start"),
    path("topics/<int:pk>/conflict/", views.topic_conflict, name="topic_conflict"),
    path("hearings/<int:pk>/", views.hearing_detail, name="hearing_detail"),
    path("hearings/<int:pk>/<slug:name>/", views.hearing_act, name="hearing_act"),
    path("studies/<int:pk>/", views.study_detail, name="study_detail"),
    path(
        "studies/<int:pk>/files/<int:milestone_id>/",
        views.milestone_document,
        name="milestone_document",
    ),
    path("studies/<int:pk>/<slug:name>/", views.study_act, name="study_act"),
    path("advice/", views.advice_list, name="advice_list"),
    path("advice/new/", views.advice_create, name="advice_create"),
    path("advice/<int:pk>/", views.advice_detail, name="advice_detail"),
    path("advice/<int:pk>/<slug:name>/", views.advice_act, name="advice_act"),
]
