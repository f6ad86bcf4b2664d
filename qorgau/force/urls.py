from django.urls import path

from . import views

app_name = "force"
urlpatterns = [
    path("", views.force_list, name="list"),
    path("new/", views.force_new, name="new"),
    path("<str:number>/", views.force_detail, name="detail"),
]
