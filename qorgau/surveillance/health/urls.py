"""Routes of health, spliced into the surveillance namespace."""

urlpatterns: list = []
