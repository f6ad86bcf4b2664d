"""Routes of the medical unit's resources, under the medical namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("care/", views.care_overview, name="care"),
    # Screening
    path("care/screening/", views.screening_due, name="screening_due"),
    path("care/screening/coverage/", views.screening_coverage, name="screening_coverage"),
    path("care/screening/tests/", views.screening_tests, name="screening_tests"),
    path(
        "care/screening/tests/<uuid:uuid>/",
        views.screening_test_edit,
        name="screening_test_edit",
    ),
    path("care/screening/people/<uuid:uuid>/", views.screening_person, name="screening_person"),
    path(
        "care/screening/examinations/<uuid:uuid>/",
        views.screening_examination,
        name="screening_examination",
    ),
    # 24-hour beds
    path("care/beds/", views.beds, name="beds"),
    path("care/beds/<uuid:uuid>/", views.beds_facility, name="beds_facility"),
    path("care/beds/<uuid:uuid>/units/", views.unit_add, name="unit_add"),
    path("care/beds/<uuid:uuid>/beds/", views.bed_add, name="bed_add"),
    path("care/beds/<uuid:uuid>/admit/", views.stay_admit, name="stay_admit"),
    path("care/beds/bed/<uuid:uuid>/in-use/", views.bed_active, name="bed_active"),
    path("care/stays/<uuid:uuid>/discharge/", views.stay_discharge, name="stay_discharge"),
    # Equipment
    path("care/equipment/", views.equipment, name="equipment"),
    path("care/equipment/new/", views.equipment_add, name="equipment_add"),
    path("care/equipment/<uuid:uuid>/", views.equipment_item, name="equipment_item"),
    path("care/equipment/<uuid:uuid>/checks/", views.equipment_check, name="equipment_check"),
    path("care/equipment/<uuid:uuid>/state/", views.equipment_state, name="equipment_state"),
    # Staffing
    path("care/staffing/", views.staffing, name="staffing"),
    path("care/staffing/<uuid:uuid>/", views.staffing_facility, name="staffing_facility"),
    path("care/staffing/<uuid:uuid>/posts/", views.staffing_set, name="staffing_set"),
]
