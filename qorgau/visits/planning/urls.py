"""Routes of this area, included by qorgau/visits/urls.py (namespace "visits")."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.visit_list, name="list"),
    path("new/", views.visit_new, name="new"),
    path("participants/", views.participant_list, name="participants"),
    path("participants/new/", views.participant_new, name="participant_new"),
    path("participants/me/", views.my_profile, name="my_profile"),
    path("participants/<uuid:uuid>/", views.participant_detail, name="participant"),
    path("participants/<uuid:uuid>/edit/", views.participant_edit, name="participant_edit"),
    path("participants/<uuid:uuid>/conflicts/", views.conflict_add, name="conflict_add"),
    path("participants/<uuid:uuid>/conflicts/end/", views.conflict_end, name="conflict_end"),
    path("council/", views.decision_list, name="decisions"),
    path("council/new/", views.decision_new, name="decision_new"),
    path("plan/", views.plan_current, name="plan_current"),
    path("plan/<int:year>/", views.plan, name="plan"),
    path("plan/<int:year>/approve/", views.plan_approve, name="plan_approve"),
    path("planning/risk/", views.risk, name="risk"),
    path("<uuid:uuid>/", views.visit_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.visit_edit, name="edit"),
    path("<uuid:uuid>/status/", views.visit_status, name="status"),
    path("<uuid:uuid>/team/", views.team, name="team"),
    path("<uuid:uuid>/team/<uuid:participant>/remove/", views.team_remove, name="team_remove"),
    path("<uuid:uuid>/team/<uuid:participant>/leader/", views.team_leader, name="team_leader"),
]
