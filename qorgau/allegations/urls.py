from django.urls import path

from . import views

app_name = "allegations"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("from-complaint/<str:number>/", views.complaint_case, name="from_complaint"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/<uuid:uuid>/", views.referral_detail, name="referral"),
    path("referrals/<uuid:uuid>/record/", views.referral_record, name="referral_record"),
    path("referrals/<uuid:uuid>/letter.pdf", views.referral_pdf, name="referral_pdf"),
    path("referrals/<uuid:uuid>/letter.docx", views.referral_docx, name="referral_docx"),
    path("<str:number>/", views.case_detail, name="detail"),
    path("<str:number>/edit/", views.case_edit, name="edit"),
    path("<str:number>/victims/", views.victim_add, name="victim_add"),
    path("<str:number>/perpetrators/", views.perpetrator_add, name="perpetrator_add"),
    path("<str:number>/safeguards/<str:kind>/", views.safeguard_record, name="safeguard"),
    path("<str:number>/status/", views.case_status, name="status"),
    path("<str:number>/refer/", views.case_refer, name="refer"),
    path("<str:number>/flags/<uuid:uuid>/", views.flag_review, name="flag_review"),
]
