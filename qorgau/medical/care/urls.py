"""Routes of the medical unit's resources, under the medical namespace."""

urlpatterns: list = []
