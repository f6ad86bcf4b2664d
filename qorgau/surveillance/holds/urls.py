"""Routes of holds, spliced into the surveillance namespace."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("holds/", views.hold_list, name="holds"),
    path("holds/new/", views.hold_new, name="hold_new"),
    path("holds/<str:number>/", views.hold_detail, name="hold"),
    path("holds/<str:number>/custody/", views.custody_add, name="hold_custody"),
]
