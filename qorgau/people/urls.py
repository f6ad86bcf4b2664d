from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_search, name="search"),
    path("admit/", views.person_admit, name="admit"),
    path("<uuid:uuid>/", views.person_detail, name="detail"),
    path("<uuid:uuid>/placements/", views.placement_add, name="placement_add"),
    path("<uuid:uuid>/sanctions/", views.sanction_add, name="sanction_add"),
]
