"""Routes of the medical unit's resources, under the medical namespace."""

from django.urls import path

from .views import beds, equipment, overview, screening, staffing

urlpatterns = [
    path("care/", overview.care_overview, name="care"),
    # Screening
    path("care/screening/", screening.screening_due, name="screening_due"),
    path("care/screening/coverage/", screening.screening_coverage, name="screening_coverage"),
    path("care/screening/tests/", screening.screening_tests, name="screening_tests"),
    path(
        "care/screening/tests/<uuid:uuid>/",
        screening.screening_test_edit,
        name="screening_test_edit",
    ),
    path("care/screening/people/<uuid:uuid>/", screening.screening_person, name="screening_person"),
    path(
        "care/screening/examinations/<uuid:uuid>/",
        screening.screening_examination,
        name="screening_examination",
    ),
    # 24-hour beds
    path("care/beds/", beds.beds, name="beds"),
    path("care/beds/<uuid:uuid>/", beds.beds_facility, name="beds_facility"),
    path("care/beds/<uuid:uuid>/units/", beds.unit_add, name="unit_add"),
    path("care/beds/<uuid:uuid>/beds/", beds.bed_add, name="bed_add"),
    path("care/beds/<uuid:uuid>/admit/", beds.stay_admit, name="stay_admit"),
    path("care/beds/bed/<uuid:uuid>/in-use/", beds.bed_active, name="bed_active"),
    path("care/stays/<uuid:uuid>/discharge/", beds.stay_discharge, name="stay_discharge"),
    # Equipment
    path("care/equipment/", equipment.equipment, name="equipment"),
    path("care/equipment/new/", equipment.equipment_add, name="equipment_add"),
    path("care/equipment/<uuid:uuid>/", equipment.equipment_item, name="equipment_item"),
    path("care/equipment/<uuid:uuid>/checks/", equipment.equipment_check, name="equipment_check"),
    path("care/equipment/<uuid:uuid>/state/", equipment.equipment_state, name="equipment_state"),
    # Staffing
    path("care/staffing/", staffing.staffing, name="staffing"),
    path("care/staffing/<uuid:uuid>/", staffing.staffing_facility, name="staffing_facility"),
    path("care/staffing/<uuid:uuid>/posts/", staffing.staffing_set, name="staffing_set"),
]
