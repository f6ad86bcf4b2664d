"""Routes of this area, included by qorgau/visits/urls.py (namespace "visits")."""

urlpatterns: list = []
