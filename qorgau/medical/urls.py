from django.urls import path

from . import views
from .care import urls as care_urls

app_name = "medical"
urlpatterns = [
    path("", views.examination_list, name="list"),
    path("new/", views.examination_new, name="new"),
    path("admissions/", views.admission_safeguards, name="admissions"),
    path("<uuid:uuid>/", views.examination_detail, name="detail"),
    path("<uuid:uuid>/photos/", views.photo_add, name="photo_add"),
    path("<uuid:uuid>/photos/<uuid:photo>/", views.photo_view, name="photo"),
    path("<uuid:uuid>/report.pdf", views.report_pdf, name="report"),
    path("<uuid:uuid>/notify/", views.notification_send, name="notify"),
    *care_urls.urlpatterns,
]
