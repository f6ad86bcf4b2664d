from django.urls import path

from . import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_new, name="new"),
    path("reveals/", views.reveal_list, name="reveals"),
    path("reveals/<uuid:uuid>/decide/", views.reveal_decide_view, name="reveal_decide"),
    path("terminals/", views.terminal_list, name="terminals"),
    path("terminals/<uuid:uuid>/retire/", views.terminal_retire, name="terminal_retire"),
    path("<str:number>/", views.complaint_detail, name="detail"),
    path("<str:number>/triage/", views.complaint_triage_view, name="triage"),
    path("<str:number>/status/", views.complaint_status_view, name="status"),
    path("<str:number>/note/", views.complaint_note_view, name="note"),
    path("<str:number>/answer/", views.complaint_answer_view, name="answer"),
    path("<str:number>/reveal/", views.reveal_request_view, name="reveal_request"),
]
