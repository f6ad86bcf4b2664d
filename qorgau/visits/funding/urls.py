"""Routes of this area, included by qorgau/visits/urls.py (namespace "visits")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("<uuid:uuid>/reimbursements/", views.reimbursements, name="reimbursements"),
    path(
        "<uuid:uuid>/reimbursements/compute/",
        views.reimbursements_compute,
        name="reimbursements_compute",
    ),
    path(
        "reimbursements/<uuid:uuid>/travel/",
        views.reimbursement_travel,
        name="reimbursement_travel",
    ),
    path(
        "reimbursements/<uuid:uuid>/approve/",
        views.reimbursement_approve,
        name="reimbursement_approve",
    ),
    path("reimbursements/<uuid:uuid>/paid/", views.reimbursement_paid, name="reimbursement_paid"),
    path("funding/", views.funding, name="funding"),
    path("funding/budget/", views.budget_set, name="budget_set"),
    path("funding/<int:year>/export.csv", views.funding_export, name="funding_export"),
    path("annual/", views.annual_index, name="annual_index"),
    path("annual/<int:year>/", views.annual, name="annual"),
    path("annual/<int:year>/pdf/", views.annual_pdf, name="annual_pdf"),
    path("annual/<int:year>/docx/", views.annual_docx, name="annual_docx"),
    path("annual/<int:year>/adopt/", views.annual_adopt, name="annual_adopt"),
]
