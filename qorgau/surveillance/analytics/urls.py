"""Routes of analytics, spliced into the surveillance namespace."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("coverage/", views.coverage, name="coverage"),
    path("uptime/", views.uptime, name="uptime"),
    path("uptime/<uuid:uuid>/", views.uptime_facility, name="uptime_facility"),
    path("outages/", views.outages, name="outages"),
    path("red-flags/", views.red_flags, name="red_flags"),
    path("damage/", views.damage, name="damage"),
]
