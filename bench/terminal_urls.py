"""The server's URLs and the baseline: an endpoint that stores one row and nothing else."""

from django.db import connection, transaction
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from qorgau.urls import urlpatterns as qorgau_urls


@csrf_exempt
def bare(request):
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("INSERT INTO bench_row (size) VALUES (%s)", [len(request.body)])
    return JsonResponse({"status": "stored"})


urlpatterns = [*qorgau_urls, path("bench/bare", bare)]
