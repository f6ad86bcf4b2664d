from django.conf import settings

from .navigation import navigation_for


def shell(request):
    """What the page shell needs: navigation for the user's roles, demo banners."""
    return {
        "nav_items": navigation_for(request.user, request.path),
        "demo_mode": settings.QORGAU_DEMO,
        "two_factor_waived": settings.QORGAU_2FA_WAIVED,
    }
