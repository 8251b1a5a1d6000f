from django.urls import path

from gongzhi.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="need_list"),
    path("new/", views.need_create, name="need_create"),
    path("hints/", views.need_hints, name="need_hints"),
    path("grids/", views.need_grids, name="need_grids"),
    path("mine/", views.need_mine, name="need_mine"),
    path("inbox/", views.need_inbox, name="need_inbox"),
    path("replies/", views.reply_list, name="reply_list"),
    path("hot/<int:pk>/", views.hotissue_detail, name="hotissue_detail"),
    path("<int:pk>/", views.need_detail, name="need_detail"),
    path("<int:pk>/images/<int:image_id>/", views.need_image, name="need_image"),
    path("<int:pk>/support/", views.need_support, name="need_support"),
    path("<int:pk>/<slug:name>/", views.need_act, name="need_act"),
]
