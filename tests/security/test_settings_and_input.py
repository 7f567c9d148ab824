"""Production settings pass `check --deploy`; uploads are limited in size and type; HTML is escaped; a stale edit gets the current version."""
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandate.tasks.models import Evidence
from tests.factories import a_task
from tests.samples import a_pdf

MANDATE = Path(sys.executable).with_name("mandate")


def test_production_settings_pass_the_deploy_check(tmp_path):
    key = "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))
    env = {key_: value for key_, value in os.environ.items() if not key_.startswith("MANDATE_")}
    env.update(DJANGO_SETTINGS_MODULE="mandate.settings", MANDATE_SECRET_KEY=key, MANDATE_DATA_DIR=str(tmp_path),
               MANDATE_ALLOWED_HOSTS="mandate.example.gov.vn", MANDATE_PRODUCTION="1")
    result = subprocess.run([str(MANDATE), "check", "--deploy", "--fail-level", "WARNING"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_only_the_test_run_hashes_passwords_with_md5(make_user):
    import mandate.settings as production
    from django.conf import global_settings

    assert make_user().password.startswith("md5$")
    assert not hasattr(production, "PASSWORD_HASHERS")
    assert global_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.PBKDF2PasswordHasher"


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {key_: value for key_, value in os.environ.items() if not key_.startswith("MANDATE_")}
    env.update(DJANGO_SETTINGS_MODULE="mandate.settings", MANDATE_DATA_DIR=str(tmp_path),
               MANDATE_ALLOWED_HOSTS="mandate.example.gov.vn")
    result = subprocess.run([str(MANDATE), "check"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "MANDATE_SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("name, content, reason", [
    ("bao-cao.exe", b"MZ\x90\x00", "only"),
    ("trang.html", b"<html><script>alert(1)</script>", "only"),
    ("gia-mao.pdf", b"<html><script>alert(1)</script>", "is not really a .pdf file"),
    ("ghi-chu.txt", b"<script>alert(1)</script>", "holds markup"),
])
def test_evidence_of_a_type_not_allowed_is_refused(api, make_user, name, content, reason):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    response = api.post_form(f"/tasks/{task.pk}/progress", {"percent": 10, "text": "Đã làm", "version": 1,
                                                              "files": [SimpleUploadedFile(name, content)]})
    assert response.status_code == 422
    assert reason in response.json()["errors"][0]["reason"]
    assert Evidence.objects.count() == 0


@pytest.mark.django_db
def test_a_file_over_the_limit_is_refused(api, make_user, settings):
    settings.MANDATE_UPLOAD_MAX_BYTES = 1000
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    big = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 " + b"x" * 2000)
    response = api.post_form(f"/tasks/{task.pk}/progress", {"percent": 10, "text": "Đã làm", "files": [big], "version": 1})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "too_large"


@pytest.mark.django_db
def test_an_attachment_of_a_type_not_allowed_is_refused(api, make_user):
    from tests.factories import a_document

    document = a_document(issuing_unit="25.TU.BTV")
    api.login(make_user("specialist", "25.TU"))
    response = api.post_form(f"/documents/{document.pk}/attachments", {"file": SimpleUploadedFile("x.svg", b"<svg onload=alert(1)>")})
    assert response.status_code == 422
    assert document.attachments.count() == 0
    ok = api.post_form(f"/documents/{document.pk}/attachments", {"file": SimpleUploadedFile("ke-hoach.pdf", a_pdf())})
    assert ok.status_code == 201


@pytest.mark.django_db
def test_a_task_title_with_a_script_is_shown_escaped(client, make_user):
    task = a_task(lead_unit="25.TU.BTC", title="<script>alert('x')</script> Kế hoạch")
    client.force_login(make_user("viewer", "25"))
    for url in (f"/tasks/{task.pk}/", "/tasks/", f"/documents/{task.document_id}/"):
        html = client.get(url).content.decode()
        assert "<script>alert(" not in html, url
        assert "&lt;script&gt;alert(" in html, url


@pytest.mark.django_db
def test_a_stale_edit_is_answered_with_the_current_version(api, make_user):
    task = a_task(lead_unit="25.TU.BTC")
    api.login(make_user("specialist", "25.TU.BTC"))
    assert api.post(f"/tasks/{task.pk}/transitions", {"name": "start", "version": 1}).status_code == 200
    stale = api.post(f"/tasks/{task.pk}/transitions", {"name": "submit", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2


@pytest.mark.django_db
def test_unknown_api_paths_and_methods_answer_in_json(api, make_user):
    api.login(make_user("viewer", "25"))
    missing = api.get("/no-such-thing")
    assert (missing.status_code, missing["Content-Type"], missing.json()["message"]) == (404, "application/json", "No such API path.")
    wrong_method = api.post("/units/tree", {})
    assert wrong_method.status_code == 405 and wrong_method.json()["errors"] == []
    assert "GET" in wrong_method["Allow"]


@pytest.mark.django_db
def test_text_with_a_nul_character_is_refused_before_it_reaches_the_database(api, make_user):
    api.login(make_user("specialist", "25.TU"))
    body = {"issuing_unit": "25.TU.BTV", "type": "TB", "issued_on": "2025-07-20", "title": "Thông\x00báo"}
    response = api.post("/documents", body)
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "title", "reason": "contains a NUL character: binary data, not text",
                                          "code": "invalid"}]
    assert api.get("/tasks", q="a\x00b").json()["errors"][0]["field"] == "q"
    assert api.post("/documents", {**body, "title": "Thông báo"}).status_code == 201
