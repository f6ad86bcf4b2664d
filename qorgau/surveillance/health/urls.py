"""Routes of health, spliced into the surveillance namespace."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("health/alerts/", views.alerts, name="health_alerts"),
]
