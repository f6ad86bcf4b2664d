import json

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Print the OpenAPI document of /api/v1/ (committed as docs/api/openapi.json)."

    def handle(self, *args, **options):
        from qorgau.api import api

        self.stdout.write(
            json.dumps(
                api.get_openapi_schema(path_prefix="/api/v1/"),
                indent=2,
                sort_keys=True,
                ensure_ascii=False,
            )
        )
