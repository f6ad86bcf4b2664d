from django.urls import path

from . import views
from .analytics import urls as analytics_urls
from .health import urls as health_urls
from .holds import urls as holds_urls
from .viewing import urls as viewing_urls

app_name = "surveillance"
# The registry's routes, then each area's (its own urls.py).
urlpatterns: list = [
    path("cameras/", views.camera_list, name="cameras"),
    path("cameras/import/", views.camera_import, name="camera_import"),
    path("cameras/<uuid:uuid>/", views.camera_detail, name="camera"),
    *health_urls.urlpatterns,
    *viewing_urls.urlpatterns,
    *holds_urls.urlpatterns,
    *analytics_urls.urlpatterns,
]
