from django.urls import path

from . import views

app_name = "recommendations"
urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("rates/", views.recommendation_rates, name="rates"),
    path("visit/<uuid:visit>/", views.visit_recommendations, name="visit"),
    path("visit/<uuid:visit>/verify/<uuid:uuid>/", views.recommendation_verify, name="verify"),
    path("evidence/<uuid:uuid>/", views.evidence_download, name="evidence"),
    path("<uuid:uuid>/", views.recommendation_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.recommendation_edit, name="edit"),
    path("<uuid:uuid>/delete/", views.recommendation_delete, name="delete"),
    path("<uuid:uuid>/status/", views.recommendation_status, name="status"),
    path("<uuid:uuid>/respond/", views.recommendation_respond, name="respond"),
]
