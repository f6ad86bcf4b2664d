"""Routes of viewing, spliced into the surveillance namespace."""

urlpatterns: list = []
