from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from .api import api
from .complaints import public as public_complaints

admin.site.site_header = "Qorgau"
admin.site.site_title = "Qorgau"

urlpatterns = [
    path("", include("qorgau.core.urls")),
    path("accounts/", include("qorgau.accounts.urls")),
    path("facilities/", include("qorgau.facilities.urls")),
    path("people/", include("qorgau.people.urls")),
    path("complaints/", include("qorgau.complaints.urls")),
    path("allegations/", include("qorgau.allegations.urls")),
    path("medical/", include("qorgau.medical.urls")),
    path("force/", include("qorgau.force.urls")),
    path("surveillance/", include("qorgau.surveillance.urls")),
    path("visits/", include("qorgau.visits.urls")),
    path("recommendations/", include("qorgau.recommendations.urls")),
    path("complain/", public_complaints.complain, name="complain"),
    path("complain/status/", public_complaints.complaint_status, name="complain_status"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
