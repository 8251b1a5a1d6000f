from django.urls import path

from gongzhi.library import views

app_name = "library"

urlpatterns = [
    path("", views.item_list, name="item_list"),
    path("new/", views.item_create, name="item_create"),
    path("<int:pk>/", views.item_detail, name="item_detail"),
    path(
        "<int:pk>/files/<int:attachment_id>/", views.attachment_download, name="attachment_download"
    ),
]
