from django.urls import path

from gongzhi.membership import views

app_name = "membership"

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("apply/", views.application_create, name="application_create"),
    path("<int:pk>/", views.application_detail, name="application_detail"),
    path("<int:pk>/<slug:name>/", views.application_act, name="application_act"),
    path("roster/", views.roster, name="roster"),
    path("members/<int:pk>/renew/", views.member_renew, name="member_renew"),
]
