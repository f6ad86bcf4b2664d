"""Routes of holds, spliced into the surveillance namespace."""

urlpatterns: list = []
