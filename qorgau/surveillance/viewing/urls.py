"""Routes of viewing, spliced into the surveillance namespace."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("viewing/", views.viewing_list, name="viewing_list"),
    path("viewing/new/", views.viewing_new, name="viewing_new"),
    path("viewing/log/", views.viewing_log, name="viewing_log"),
    path("viewing/<uuid:uuid>/", views.viewing_watch, name="viewing_watch"),
    path("viewing/<uuid:uuid>/end/", views.viewing_revoke, name="viewing_revoke"),
]
