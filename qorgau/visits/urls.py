from .funding import urls as funding_urls
from .onsite import urls as onsite_urls
from .planning import urls as planning_urls
from .reports import urls as reports_urls

app_name = "visits"
# Each area's routes live in its own urls.py.
urlpatterns: list = [
    *planning_urls.urlpatterns,
    *onsite_urls.urlpatterns,
    *reports_urls.urlpatterns,
    *funding_urls.urlpatterns,
]
