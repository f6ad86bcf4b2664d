import json
from pathlib import Path

from django.conf import settings

from qorgau.api import api

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"


def test_schema_matches_the_committed_snapshot():
    """An API change must be deliberate: run `make openapi` and commit the new snapshot."""
    current = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), sort_keys=True))
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_operation_has_id_summary_and_problem_responses():
    schema = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            assert op.get("operationId") and op.get("summary"), (method, path)
            assert {"401", "403"} <= set(op["responses"]), (method, path)


def test_schema_and_docs_are_served(client, db):
    assert client.get("/api/v1/openapi.json").status_code == 200
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger-ui-bundle.js" in docs.content
    assert b"cdn." not in docs.content  # assets come from this server, never a CDN
