"""Routes of analytics, spliced into the surveillance namespace."""

urlpatterns: list = []
