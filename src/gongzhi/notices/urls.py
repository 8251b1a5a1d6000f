from django.urls import path

from gongzhi.notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notification_list, name="notification_list"),
    path("read/", views.notification_read_all, name="notification_read_all"),
]
