from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("terminals/", views.terminal_list, name="terminals"),
    path("terminals/<uuid:uuid>/retire/", views.terminal_retire, name="terminal_retire"),
    path("<str:number>/", views.complaint_detail, name="detail"),
]
