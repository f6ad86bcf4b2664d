"""Pages for the work on complaints: my assigned complaints, the CSV export, attachments."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from qorgau.core.uploads import file_response

from . import attachments, export, selectors
from .forms import ComplaintFilterForm
from .models import Complaint
from .views import _require_complaints


@never_cache
@login_required
def my_complaints(request):
    """Complaints assigned to me, nearest deadline first, with their reminders."""
    _require_complaints(request.user)
    include_closed = request.GET.get("all") == "1"
    rows = selectors.my_complaints(user=request.user, include_closed=include_closed)
    return render(request, "complaints/mine.html", {"rows": rows, "include_closed": include_closed})


@login_required
@require_POST
def complaint_export_view(request):
    """The filtered register as CSV, streamed; filters come in the body, never in the URL."""
    _require_complaints(request.user)
    form = ComplaintFilterForm(request.POST)
    if not form.is_valid():
        page = Paginator(Complaint.objects.none(), 50).get_page(1)
        return render(request, "complaints/list.html", {"form": form, "page": page}, status=400)
    filters = selectors.ComplaintFilters(**form.cleaned_data)
    response = StreamingHttpResponse(
        export.complaint_export(user=request.user, filters=filters),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename()}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
def attachment_download(request, number, uuid):
    """An attached file, to holders of complaint.view in scope; every download is audited."""
    _require_complaints(request.user)
    attachment = attachments.attachment_get_for_user(user=request.user, number=number, uuid=uuid)
    return file_response(
        attachment.storage_name, attachment.content_type, attachments.download_name(attachment)
    )
