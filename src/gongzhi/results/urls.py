from django.urls import path

from gongzhi.results import views

app_name = "results"

urlpatterns = [
    path("", views.result_list, name="result_list"),
    path("<int:pk>/", views.result_detail, name="result_detail"),
    path("<int:pk>/files/<slug:which>/", views.result_document, name="result_document"),
    path("<int:pk>/<slug:name>/", views.result_act, name="result_act"),
]
