import pytest


@pytest.fixture
def admin_api(api, make_user):
    return api.login(make_user("system_admin", "VN"))
