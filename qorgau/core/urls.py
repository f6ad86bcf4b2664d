from django.urls import path

from . import drafts, views

app_name = "core"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("audit/", views.audit_viewer, name="audit"),
    path("audit/verify/", views.audit_verify_view, name="audit_verify"),
    path("audit/verify/<uuid:uuid>/", views.audit_verify_status, name="audit_verify_status"),
    path("healthz", views.healthz, name="healthz"),
    path("drafts/", drafts.draft_endpoint, name="draft"),
]
