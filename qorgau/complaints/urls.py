from django.urls import path

from . import views, views_casework

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_new, name="new"),
    path("mine/", views_casework.my_complaints, name="mine"),
    path("export/", views_casework.complaint_export_view, name="export"),
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
    path("<str:number>/merge/", views.complaint_merge_view, name="merge"),
    path("<str:number>/attachments/", views.attachment_add_view, name="attachment_add"),
    path(
        "<str:number>/attachments/<uuid:uuid>/",
        views_casework.attachment_download,
        name="attachment",
    ),
]
