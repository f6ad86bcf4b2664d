"""The one API: wires routers, nothing else. Schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from qorgau.allegations.api import router as referrals_router
from qorgau.complaints.api_terminal import install_problem_handlers as install_terminal_problems
from qorgau.complaints.api_terminal import router as terminal_router
from qorgau.core.api_support import ApiKeyAuth, VerifiedSessionAuth, install_problem_handlers
from qorgau.facilities.api import router as facilities_router
from qorgau.force.api import router as force_router
from qorgau.people.api import router as people_router
from qorgau.recommendations.api import router as recommendations_router
from qorgau.surveillance.health.api import router as health_router
from qorgau.surveillance.holds.api import router as holds_router
from qorgau.surveillance.viewing.api import router as viewing_router
from qorgau.visits.api import router as visits_router

api = NinjaAPI(
    title="Qorgau API",
    version="1",
    description=(
        "Torture-prevention information system. Browser sessions and per-client API keys "
        "(header X-API-Key). Errors are application/problem+json."
    ),
    auth=[VerifiedSessionAuth(), ApiKeyAuth()],
    urls_namespace="api",
)
install_problem_handlers(api)
install_terminal_problems(api)
api.add_router("/facilities", facilities_router)
api.add_router("/people", people_router)
api.add_router("/force", force_router)
api.add_router("/referrals", referrals_router)
api.add_router("/terminal", terminal_router)
api.add_router("/surveillance", health_router)
api.add_router("/surveillance", viewing_router)
api.add_router("/surveillance", holds_router)
api.add_router("/visits", visits_router)
api.add_router("/recommendations", recommendations_router)
