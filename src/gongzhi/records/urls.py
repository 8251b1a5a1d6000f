from django.urls import path

from gongzhi.records import views

app_name = "records"

urlpatterns = [
    path("", views.record_overview, name="record_overview"),
    path("me/", views.record_mine, name="record_mine"),
    path("<int:pk>/", views.record_detail, name="record_detail"),
]
