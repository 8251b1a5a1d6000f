from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongzhi.api.api import api

urlpatterns = [
    path("", include("gongzhi.dashboard.urls")),
    path("needs/", include("gongzhi.needs.urls")),
    path("notices/", include("gongzhi.notices.urls")),
    path("results/", include("gongzhi.results.urls")),
    path("participation/", include("gongzhi.participation.urls")),
    path("legal/", include("gongzhi.legal.urls")),
    path("consultation/", include("gongzhi.consultation.urls")),
    path("library/", include("gongzhi.library.urls")),
    path("records/", include("gongzhi.records.urls")),
    path("membership/", include("gongzhi.membership.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
