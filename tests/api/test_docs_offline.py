"""The API's reference page works on a closed network: Swagger UI comes from the app's own static files."""
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_api_docs_load_nothing_from_outside(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(source.endswith("swagger-ui-bundle.js") for source in sources)
    for source in sources:
        assert not re.match(r"(https?:)?//", source), source
        assert finders.find(source.removeprefix("/static/")), source
