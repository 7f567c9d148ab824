"""The administrator adds staff without a shell (issue 16): in Chromium, the system administrator signs in, opens
"Quản trị" from the menu, adds a colleague with a role in a commune (typed by its name), signs out; the colleague
signs in and sees their dashboard, then changes their password; a forgotten password is reset through the link the
test's SMTP server received."""
import re

import pytest

pytestmark = [pytest.mark.browser]

PASSWORD = "mat-khau-quan-tri-dai"
COLLEAGUE, NEW = "mat-khau-can-bo-dai", "mat-khau-moi-cua-can-bo"


@pytest.fixture
def administrator(transactional_country, django_user_model):
    from mandate.accounts.services import membership_grant
    from mandate.orgs.models import Unit

    admin = django_user_model.objects.create_user(username="quantri", password=PASSWORD, full_name="Quản Trị Hệ Thống",
                                                  clearance=3)
    membership_grant(actor=None, user=admin, unit=Unit.objects.get(code="VN"), role="system_admin")
    return admin


def _commune():
    """A commune of Phú Thọ whose name no other unit bears."""
    from mandate.core.text import fold
    from mandate.orgs.models import Unit

    names = {}
    for unit in Unit.objects.filter(kind="commune", valid_to__isnull=True):
        names.setdefault(fold(unit.name), []).append(unit)
    return next(units[0] for units in names.values() if len(units) == 1 and units[0].code.startswith("25"))


def _sign_in(page, url, username, password):
    page.goto(f"{url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button.primary")
    page.wait_for_url(f"{url}/")


def _add_colleague(page, *, password: str, unit_name: str, role: str) -> None:
    """As the signed-in administrator: "Quản trị" → "Thêm người dùng", Lê Thị Cán Bộ with `role` in `unit_name`."""
    page.click("nav.nav >> text=Quản trị")
    page.click("text=Thêm người dùng")
    page.fill("#id_full_name", "Lê Thị Cán Bộ")
    page.fill("#id_username", "le.canbo")
    page.fill("#id_email", "le.canbo@example.org")
    page.fill("#id_password", password)
    page.fill("#id_unit", unit_name)
    page.select_option("#id_role", role)
    page.click("button.primary")
    page.wait_for_url(re.compile(r"/administration/people/\d+/$"))


def test_the_administrator_adds_a_colleague_who_then_signs_in(live_server, administrator, browser, smtp, settings):
    settings.MANDATE_SITE_URL = live_server.url
    commune = _commune()
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)

    _sign_in(page, live_server.url, "quantri", PASSWORD)
    _add_colleague(page, password=COLLEAGUE, unit_name=commune.name, role="specialist")
    assert commune.name in page.inner_text("main")
    assert "Chuyên viên" in page.inner_text("main")
    page.click("form.logout button")
    page.wait_for_url(re.compile(r"/login/"))

    _sign_in(page, live_server.url, "le.canbo", COLLEAGUE)
    assert page.locator("h1").inner_text() == "Tổng quan"
    assert "Quản trị" not in page.inner_text("nav.nav")

    # My password: changed here, then forgotten and reset from the e-mailed link.
    page.goto(f"{live_server.url}/account/password/")
    page.fill("#id_old_password", COLLEAGUE)
    page.fill("#id_new_password1", NEW)
    page.fill("#id_new_password2", NEW)
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/account/sessions/")
    page.click("form.logout button")
    page.wait_for_url(re.compile(r"/login/"))
    page.click("text=Quên mật khẩu?")
    page.fill("#id_email", "le.canbo@example.org")
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/password-reset/sent/")
    (recipients, text), = smtp.messages
    assert recipients == ["le.canbo@example.org"]
    link = re.search(re.escape(live_server.url) + r"/password-reset/\S+/", text).group(0)
    page.goto(link)
    page.fill("#id_new_password1", COLLEAGUE + "-lan-hai")
    page.fill("#id_new_password2", COLLEAGUE + "-lan-hai")
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/password-reset/done/")
    _sign_in(page, live_server.url, "le.canbo", COLLEAGUE + "-lan-hai")
    context.close()
