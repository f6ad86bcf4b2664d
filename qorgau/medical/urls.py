from django.urls import path

from . import views
from .care import urls as care_urls

app_name = "medical"
urlpatterns = [
    path("", views.examination_list, name="list"),
    path("new/", views.examination_new, name="new"),
    path("<uuid:uuid>/", views.examination_detail, name="detail"),
    *care_urls.urlpatterns,
]
