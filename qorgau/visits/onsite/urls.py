"""Routes of this area, included by qorgau/visits/urls.py (namespace "visits")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("<uuid:uuid>/checklist/", views.checklist, name="checklist"),
    path(
        "<uuid:uuid>/checklist/recommendations/<uuid:recommendation>/",
        views.checklist_verify,
        name="checklist_verify",
    ),
    path("<uuid:uuid>/observations/", views.observations, name="observations"),
    path("<uuid:uuid>/photos/<uuid:photo>/", views.photo, name="photo"),
    path("<uuid:uuid>/interviews/", views.interviews, name="interviews"),
    path("<uuid:uuid>/interviews/<uuid:interview>/", views.interview, name="interview"),
    path("checklists/", views.templates, name="checklist_templates"),
    path(
        "checklists/<slug:code>/v<int:version>/",
        views.template_detail,
        name="checklist_template",
    ),
    path(
        "checklists/<slug:code>/v<int:version>/edit/",
        views.template_edit,
        name="checklist_template_edit",
    ),
    path(
        "checklists/<slug:code>/v<int:version>/new-version/",
        views.template_new_version,
        name="checklist_template_version",
    ),
    path(
        "checklists/<slug:code>/v<int:version>/publish/",
        views.template_publish,
        name="checklist_template_publish",
    ),
]
