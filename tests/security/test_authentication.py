"""Sign-in is rate-limited per user name and address; administrators may add a TOTP second factor; tokens expire and are revoked."""
import datetime as dt

import pyotp
import pytest
from django.utils import translation
from django.core.management import call_command
from django.core.management.base import CommandError

from mandate.accounts.models import ApiToken, LoginFailure
from mandate.accounts.services import token_create
from mandate.core import clock

pytestmark = pytest.mark.django_db

PASSWORD = "x" * 12


def _sign_in(client, username, password, ip="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def _wrong_code(secret: str, moment: dt.datetime) -> str:
    """Six digits that no step of the accepted window (one step either side of `moment`) shows."""
    totp = pyotp.TOTP(secret)
    accepted = {totp.at(moment + dt.timedelta(seconds=step)) for step in (-30, 0, 30)}
    return next(code for code in (f"{n:06d}" for n in range(10**6)) if code not in accepted)


def test_five_failures_lock_the_name_from_that_address_for_fifteen_minutes(client, make_user, freeze):
    start = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    make_user("viewer", "25", username="can.bo")
    for _ in range(5):
        assert _sign_in(client, "can.bo", "wrong password").status_code == 200
    locked = _sign_in(client, "can.bo", PASSWORD)  # even the right password is refused while locked
    assert locked.status_code == 429
    assert "15" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert _sign_in(client, "can.bo", PASSWORD, ip="10.0.0.2").status_code == 302  # another address is not locked
    client.logout()
    freeze(start + dt.timedelta(minutes=10))
    assert "5" in _sign_in(client, "can.bo", PASSWORD).content.decode()
    freeze(start + dt.timedelta(minutes=15, seconds=1))
    assert _sign_in(client, "can.bo", PASSWORD).status_code == 302
    assert LoginFailure.objects.filter(username="can.bo", ip="10.0.0.1").count() == 0


def test_failures_spread_over_more_than_the_window_do_not_lock(client, make_user, freeze):
    start = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    make_user("viewer", "25", username="can.bo")
    for minute in (0, 4, 8, 12, 16):
        freeze(start + dt.timedelta(minutes=minute))
        _sign_in(client, "can.bo", "wrong password")
    assert _sign_in(client, "can.bo", PASSWORD).status_code == 302


def test_an_enrolled_administrator_needs_the_code_after_the_password(client, make_user, freeze):
    moment = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    admin = make_user("unit_admin", "25", username="quan.tri")
    client.force_login(admin)
    page = client.get("/account/two-factor/")
    secret = client.session["_mandate_totp_secret"]
    assert secret in page.content.decode() and "otpauth://totp/" in page.content.decode()
    refused = client.post("/account/two-factor/", {"code": _wrong_code(secret, moment)})
    assert refused.status_code == 422
    assert refused.context["error"] == "Mã chưa đúng. Hãy nhập sáu chữ số ứng dụng đang hiển thị."
    admin.refresh_from_db()
    assert admin.totp_secret == ""
    assert client.session["_mandate_totp_secret"] == secret
    assert client.post("/account/two-factor/", {"code": pyotp.TOTP(secret).at(moment)}).status_code == 200
    admin.refresh_from_db()
    assert admin.totp_secret == secret
    client.logout()

    moment = freeze(moment + dt.timedelta(seconds=30))  # the code that enrolled is spent: the next one signs in
    assert _sign_in(client, "quan.tri", PASSWORD).url == "/login/code/"
    assert "_auth_user_id" not in client.session
    assert client.post("/login/code/", {"code": _wrong_code(secret, moment)}, REMOTE_ADDR="10.0.0.1").status_code == 422
    assert "_auth_user_id" not in client.session
    done = client.post("/login/code/", {"code": pyotp.TOTP(secret).at(moment)}, REMOTE_ADDR="10.0.0.1")
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_the_second_factor_is_offered_to_administrators_only(client, make_user):
    client.force_login(make_user("specialist", "25"))
    assert client.get("/account/two-factor/").status_code == 403


def test_a_user_lists_and_revokes_only_their_own_tokens(api, make_user):
    owner, other = make_user("viewer", "25"), make_user("viewer", "25")
    token_create(actor=None, user=owner, name="script")
    foreign = ApiToken.objects.get(pk=ApiToken.objects.filter(user=owner).latest("id").pk)
    api.login(owner)
    listed = api.get("/tokens").json()
    assert sorted(t["name"] for t in listed) == ["", "script"]
    assert all("digest" not in t for t in listed)
    api.login(other)
    assert api.post(f"/tokens/{foreign.pk}/revoke").status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None
    api.login(owner)
    assert api.post(f"/tokens/{foreign.pk}/revoke").json()["revoked_at"] is not None


def test_a_revoked_token_no_longer_opens_the_api(client, make_user):
    user = make_user("viewer", "25")
    raw = token_create(actor=None, user=user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/tokens", **headers).status_code == 200
    call_command("token", f"--revoke={raw[:8]}")  # a prefix may begin with "-"
    assert client.get("/api/v1/tokens", **headers).status_code == 401
    with pytest.raises(CommandError, match="--revoke: không có mã truy cập còn hiệu lực"):
        call_command("token", f"--revoke={raw[:8]}")  # a prefix may begin with "-"


def test_an_expired_token_no_longer_opens_the_api(client, make_user, freeze):
    freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    raw = token_create(actor=None, user=make_user("viewer", "25"), lifetime=dt.timedelta(days=1))
    assert client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    freeze(dt.datetime(2025, 8, 2, 9, 0, tzinfo=clock.VIETNAM))
    assert client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_the_token_page_revokes_one_token(client, make_user):
    user = make_user("viewer", "25")
    token_create(actor=None, user=user, name="laptop")
    token = user.api_tokens.get()
    client.force_login(user)
    assert "laptop" in client.get("/account/tokens/").content.decode()
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_notes_its_last_use_at_most_once_a_minute(client, make_user, freeze):
    start = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    raw = token_create(actor=None, user=make_user("viewer", "25"))
    token = ApiToken.objects.get(prefix=raw[:8])
    assert token.last_used_at is None
    assert client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at == start
    freeze(start + dt.timedelta(seconds=30))
    client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at == start  # not written again within the minute
    freeze(start + dt.timedelta(minutes=2))
    assert client.get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {raw}").json()[0]["last_used_at"] is not None
    token.refresh_from_db()
    assert token.last_used_at == start + dt.timedelta(minutes=2)


def test_searching_people_finds_only_those_within_reach_and_never_an_administrator(client, make_user):
    from mandate.accounts.models import User

    make_user("system_admin", "25", username="quan.tri.he.thong", full_name="Quản trị hệ thống")
    User.objects.create_superuser(username="sieu.quan.tri", password=PASSWORD, full_name="Quản trị tối cao")
    make_user("specialist", "25.TU.BTC", username="chuyen.vien.tinh", full_name="Chuyên viên Phú Thọ")
    make_user("specialist", "01", username="chuyen.vien.ha.noi", full_name="Chuyên viên Hà Nội")
    User.objects.create_user(username="lanh.dao", full_name="Lãnh đạo phụ trách")  # named as a leader, no role
    searcher = make_user("specialist", "25", username="nguoi.tim")
    client.force_login(searcher)

    def found(q: str) -> str:
        return client.get("/people/search/", {"q": q}).content.decode()

    # The suggestions name people (name — position — unit), never by their user names.
    assert "Quản trị" not in found("quan") and "Quản trị" not in found("Quản trị")
    assert "Chuyên viên Phú Thọ" in found("chuyen") and "Chuyên viên Hà Nội" not in found("chuyen")
    assert "chuyen.vien.tinh" not in found("chuyen")
    assert "Lãnh đạo phụ trách" not in found("lanh")  # no role in a unit today: not offered (docs/decisions.md)
    client.force_login(User.objects.get(username="quan.tri.he.thong"))
    assert "Quản trị hệ thống" in found("quan") and "Chuyên viên Hà Nội" in found("chuyen")


def test_a_look_alike_spelling_of_the_name_shares_the_failure_counter(client, make_user, freeze):
    freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    make_user("viewer", "25", username="can.bo")
    for spelling in ("can.bo", "ｃａｎ.ｂｏ", "CAN.BO", "Ｃan.Bo", "can.bo "):
        assert _sign_in(client, spelling, "wrong password").status_code == 200
    for spelling in ("can.bo", "ｃａｎ．ｂｏ", "CAN.BO"):  # locked for every spelling, the right password included
        assert _sign_in(client, spelling, PASSWORD).status_code == 429
    assert set(LoginFailure.objects.values_list("username", flat=True)) == {"can.bo"}


def test_any_spelling_of_the_name_signs_in_to_the_one_account(client, make_user):
    user = make_user("viewer", "25", username="can.bo")
    response = _sign_in(client, "ＣＡＮ.ｂｏ", PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_a_look_alike_of_an_existing_name_is_not_a_new_account(db):
    from mandate.accounts.services import user_create
    from mandate.core.errors import DomainError

    user_create(actor=None, username="can.bo", password=PASSWORD)
    with pytest.raises(DomainError) as refused, translation.override("en"):
        user_create(actor=None, username="ＣＡＮ.BO", password=PASSWORD)
    assert "already taken" in str(refused.value) and [e.field for e in refused.value.errors] == ["username"]


def _enrolled(make_user, moment) -> tuple:
    admin = make_user("unit_admin", "25", username="quan.tri")
    secret = pyotp.random_base32()
    from mandate.accounts.signin import totp_enrol

    assert totp_enrol(actor=admin, user=admin, secret=secret, code=pyotp.TOTP(secret).at(moment - dt.timedelta(seconds=30)))
    return admin, secret


def test_a_code_signs_in_once_and_not_again_within_its_window(client, make_user, freeze):
    moment = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    admin, secret = _enrolled(make_user, moment)
    code = pyotp.TOTP(secret).at(moment)
    assert _sign_in(client, "quan.tri", PASSWORD).url == "/login/code/"
    assert client.post("/login/code/", {"code": code}).status_code == 302
    client.logout()
    freeze(moment + dt.timedelta(seconds=10))  # the same code, still inside its 30 seconds
    assert _sign_in(client, "quan.tri", PASSWORD).url == "/login/code/"
    assert client.post("/login/code/", {"code": code}).status_code == 422
    assert "_auth_user_id" not in client.session
    # An earlier step's code, still inside the window of one step either side, is refused too.
    assert client.post("/login/code/", {"code": pyotp.TOTP(secret).at(moment - dt.timedelta(seconds=30))}).status_code == 422
    freeze(moment + dt.timedelta(seconds=30))
    assert client.post("/login/code/", {"code": pyotp.TOTP(secret).at(moment + dt.timedelta(seconds=30))}).status_code == 302


def test_turning_the_second_factor_off_needs_the_password_and_a_current_code(client, make_user, freeze):
    moment = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    admin, secret = _enrolled(make_user, moment)
    client.force_login(admin)
    code = pyotp.TOTP(secret).at(moment)
    assert client.post("/account/two-factor/", {"action": "disable"}).status_code == 422
    wrong_password = client.post("/account/two-factor/", {"action": "disable", "password": "wrong", "code": code})
    assert wrong_password.status_code == 422 and wrong_password.context["error"] == "Mật khẩu chưa đúng."
    assert client.post("/account/two-factor/", {"action": "disable", "password": PASSWORD,
                                                 "code": _wrong_code(secret, moment)}).status_code == 422
    admin.refresh_from_db()
    assert admin.totp_secret == secret
    assert client.post("/account/two-factor/", {"action": "disable", "password": PASSWORD, "code": code}).status_code == 200
    admin.refresh_from_db()
    assert admin.totp_secret == ""
