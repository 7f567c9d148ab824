"""Users of Phú Thọ's party committee, on a day in July 2025."""
import pytest

from phu_tho_directive import DAY


@pytest.fixture
def specialist(make_user, freeze):
    """A specialist of Phú Thọ's party committee, on a day in July 2025."""
    freeze(DAY)
    return make_user("specialist", "25.TU", username="chuyenvien")


@pytest.fixture
def leader(make_user):
    return make_user("leader", "25.TU", username="lanhdao")
