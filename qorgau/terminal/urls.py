from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("file/", views.file_complaint, name="file"),
    path("status/", views.status, name="status"),
]
