"""The configurations shipped in deploy/ are accepted by the tools that will read them: `nginx -t` and
`systemd-analyze verify` (with no warning at all), and nginx serves static files but never an upload."""
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_systemd_units_and_timers_verify_without_a_warning(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    venv = Path(shutil.which("gunicorn") or "").parent
    if not (venv / "mandate").exists():
        import sys

        venv = Path(sys.executable).parent
    units = sorted(DEPLOY.glob("*.service")) + sorted(DEPLOY.glob("*.timer"))
    assert {u.name for u in units} >= {"mandate.service", "mandate-worker.service", "mandate-remind.service",
                                       "mandate-remind.timer", "mandate-backup.service", "mandate-backup.timer"}
    for unit in units:
        # The commands must exist for verify: the shipped /opt/mandate/venv is this test's virtual environment.
        (tmp_path / unit.name).write_text(unit.read_text().replace("/opt/mandate/venv/bin", str(venv)))
    checked = subprocess.run(["systemd-analyze", "verify", *[str(tmp_path / u.name) for u in units]],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stderr.strip() == "", checked.stderr
    for unit in units:
        if unit.suffix == ".service":
            assert "EnvironmentFile=/etc/mandate/mandate.env" in unit.read_text()
            assert "User=mandate" in unit.read_text()


def _nginx_prefix(tmp_path, app_port: int) -> tuple[Path, int]:
    """The shipped site inside a minimal nginx.conf, under a test prefix, on free ports, with a throwaway certificate."""
    for folder in ("logs", "tls", "static", "media", "tmp"):
        (tmp_path / folder).mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=mandate.example.gov.vn", "-keyout", str(tmp_path / "tls" / "privkey.pem"),
                    "-out", str(tmp_path / "tls" / "fullchain.pem")], check=True, capture_output=True)
    http_port, https_port = _free_port(), _free_port()
    site = (DEPLOY / "nginx-mandate.conf").read_text()
    site = (site.replace("/etc/ssl/mandate/", f"{tmp_path}/tls/").replace("/var/lib/mandate/", f"{tmp_path}/")
            .replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
            .replace("listen 80;", f"listen 127.0.0.1:{http_port};").replace("listen [::]:80;", "")
            .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
            .replace("listen [::]:443 ssl http2;", ""))
    (tmp_path / "site.conf").write_text(site)
    temp = tmp_path / "tmp"
    (tmp_path / "nginx.conf").write_text(f"""
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp_path}/logs/access.log;
    client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy; fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
    include {tmp_path}/site.conf;
}}
""")
    return tmp_path / "nginx.conf", https_port


def _get(port: int, path: str):
    import ssl

    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    request = urllib.request.Request(f"https://127.0.0.1:{port}{path}", headers={"Host": "mandate.example.gov.vn"})
    try:
        with urllib.request.urlopen(request, context=context, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def prefix():
    """A folder nginx's workers (nobody, when the test runs as root) may enter, as /var/lib/mandate is for www-data."""
    folder = Path(tempfile.mkdtemp(prefix="mandate-nginx-"))
    folder.chmod(0o711)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_nginx_accepts_the_site_serves_static_files_and_never_an_upload(prefix):
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed (make system)")
    tmp_path = prefix
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    config, port = _nginx_prefix(tmp_path, app_port=_free_port())  # nothing listens there: the application is "down"
    checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    (tmp_path / "static").chmod(0o755)
    (tmp_path / "static" / "mandate.css").write_text("body{}")
    (tmp_path / "static" / "mandate.css").chmod(0o644)
    (tmp_path / "media" / "evidence").mkdir()
    (tmp_path / "media" / "evidence" / "mat.pdf").write_bytes(b"%PDF-1.4 confidential")
    server = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(config)], stderr=subprocess.PIPE)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        assert _get(port, "/static/mandate.css") == (200, b"body{}")
        for path in ("/media/evidence/mat.pdf", "/evidence/mat.pdf", "/static/../media/evidence/mat.pdf"):
            status, body = _get(port, path)
            # Everything but /static/ goes to the application (down here: 502); the file is never sent by nginx.
            assert b"confidential" not in body and status in (400, 404, 502), (path, status)
    finally:
        server.terminate()
        server.wait(timeout=10)
