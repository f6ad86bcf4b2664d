"""Routes of findings and the report, included by qorgau/visits/urls.py (namespace "visits")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("<uuid:uuid>/findings/", views.findings, name="findings"),
    path("<uuid:uuid>/findings/<uuid:finding>/", views.finding_edit, name="finding_edit"),
    path(
        "<uuid:uuid>/findings/<uuid:finding>/delete/",
        views.finding_delete,
        name="finding_delete",
    ),
    path("<uuid:uuid>/report/", views.report, name="report"),
    path("<uuid:uuid>/report/compile/", views.report_compile, name="report_compile"),
    path("<uuid:uuid>/report/sections/<str:key>/", views.report_section, name="report_section"),
    path("<uuid:uuid>/report/status/", views.report_transition, name="report_transition"),
    path("<uuid:uuid>/report/comments/", views.report_comment, name="report_comment"),
    path(
        "<uuid:uuid>/report/comments/<uuid:comment>/answer/",
        views.report_comment_answer,
        name="report_comment_answer",
    ),
    path("<uuid:uuid>/report/pdf/", views.report_pdf, name="report_pdf"),
    path("<uuid:uuid>/report/docx/", views.report_docx, name="report_docx"),
    path("received/", views.received, name="received"),
    path("published/", views.published, name="published"),
    path("published/<uuid:report>/pdf/", views.published_pdf, name="published_pdf"),
]
