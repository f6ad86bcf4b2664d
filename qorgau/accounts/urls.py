from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("2fa/", views.otp_verify, name="otp_verify"),
    path("2fa/setup/", views.otp_setup, name="otp_setup"),
    path("api-clients/", views.apiclient_list, name="apiclients"),
    path("api-clients/<uuid:uuid>/revoke/", views.apiclient_revoke, name="apiclient_revoke"),
]
