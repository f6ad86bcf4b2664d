from django.urls import path

from . import views

app_name = "facilities"
urlpatterns = [
    path("", views.facility_list, name="list"),
    path("import/", views.facility_import, name="import"),
    path("<uuid:uuid>/", views.facility_detail, name="detail"),
    path("<uuid:uuid>/population/", views.population_add, name="population_add"),
    path("<uuid:uuid>/zones/", views.zone_add, name="zone_add"),
]
