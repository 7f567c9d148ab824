"""Signing in with the office's directory: a real OpenLDAP server (Debian's slapd), started by the test as an
unprivileged process on a free port in a temporary folder, with an ou and two people loaded by ldapadd.

A person the directory knows signs in with the directory's password and gets a Mandate account with no role; the
throttling and the second factor of the sign-in page apply to them as to anyone; a deactivated account stays shut.
"""
import base64
import datetime as dt
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyotp
import pytest
from django.conf import settings as django_settings

from mandate.accounts.models import User
from mandate.accounts.signin import totp_enrol
from mandate.audit.models import AuditRecord
from mandate.core import clock

SLAPD = "/usr/sbin/slapd"
SUFFIX = "dc=mandate,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "mat-khau-quan-tri"
PEOPLE = f"ou=people,{SUFFIX}"
LAN_PASSWORD = "Mật khẩu của Lan 1"

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _hash(password: str) -> str:
    return subprocess.run(["slappasswd", "-s", password], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def directory():
    """slapd on 127.0.0.1:<free port>, its database in a temporary folder, stopped and removed afterwards."""
    if not Path(SLAPD).exists() or not shutil.which("ldapadd"):
        pytest.skip("Debian's slapd and ldap-utils are not installed (make system)")
    folder = Path(tempfile.mkdtemp(prefix="mandate-slapd-"))
    (folder / "data").mkdir()
    port = _free_port()
    (folder / "slapd.conf").write_text(f"""
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile {folder}/slapd.pid
argsfile {folder}/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{SUFFIX}"
rootdn "{ROOT_DN}"
rootpw {ROOT_PASSWORD}
directory {folder}/data
access to attrs=userPassword by anonymous auth by self write by * none
access to * by * read
""")
    command = [SLAPD, "-d", "0", "-h", f"ldap://127.0.0.1:{port}/", "-f", str(folder / "slapd.conf")]
    if os.geteuid() == 0:
        # Never as root: the test machine's root hands the folder to nobody and slapd drops to it.
        nobody = pwd.getpwnam("nobody")
        for path in (folder, folder / "data"):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
        command += ["-u", "nobody", "-g", str(nobody.pw_gid)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        uri = f"ldap://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"slapd stopped: {server.stderr.read().decode()}")
                time.sleep(0.1)
        ldif = f"""dn: {SUFFIX}
objectClass: dcObject
objectClass: organization
dc: mandate
o: So Noi vu

dn: {PEOPLE}
objectClass: organizationalUnit
ou: people

dn: uid=lan.nt,{PEOPLE}
objectClass: inetOrgPerson
uid: lan.nt
cn:: {_b64("Nguyễn Thị Lan")}
sn: Lan
mail: lan.nt@snv.example.gov.vn
userPassword: {_hash(LAN_PASSWORD)}

dn: uid=hung.tv,{PEOPLE}
objectClass: inetOrgPerson
uid: hung.tv
cn:: {_b64("Trần Văn Hùng")}
sn: Hung
mail: hung.tv@snv.example.gov.vn
userPassword: {_hash("Mật khẩu của Hùng 2")}
"""
        subprocess.run(["ldapadd", "-x", "-H", uri, "-D", ROOT_DN, "-w", ROOT_PASSWORD], input=ldif.encode(),
                       check=True, capture_output=True)
        yield uri
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode()


@pytest.fixture
def ldap_settings(settings, directory):
    import ldap
    from django_auth_ldap.config import LDAPSearch

    settings.AUTH_LDAP_SERVER_URI = directory
    settings.AUTH_LDAP_BIND_DN = ""
    settings.AUTH_LDAP_BIND_PASSWORD = ""
    settings.AUTH_LDAP_USER_SEARCH = LDAPSearch(PEOPLE, ldap.SCOPE_SUBTREE, "(uid=%(user)s)")
    settings.AUTH_LDAP_USER_ATTR_MAP = {"full_name": "cn", "email": "mail"}
    settings.AUTHENTICATION_BACKENDS = ["mandate.accounts.directory.DirectoryBackend",
                                        *django_settings.AUTHENTICATION_BACKENDS]
    return settings


def _sign_in(client, username, password, ip="10.0.0.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_a_person_of_the_directory_signs_in_and_gets_an_account_with_no_role(client, ldap_settings):
    assert not User.objects.filter(username="lan.nt").exists()
    answer = _sign_in(client, "LAN.NT", LAN_PASSWORD)  # any spelling of the name: its key is what is looked up
    assert answer.status_code == 302, answer.content.decode()[:500]
    lan = User.objects.get(username="lan.nt")
    assert (lan.full_name, lan.email) == ("Nguyễn Thị Lan", "lan.nt@snv.example.gov.vn")
    assert not lan.has_usable_password()
    assert not lan.memberships.exists() and not lan.is_staff and not lan.is_superuser
    assert int(client.session["_auth_user_id"]) == lan.pk
    assert AuditRecord.objects.filter(action="user.directory_create", object_id=str(lan.pk)).count() == 1
    client.logout()
    # A second sign-in finds the same account and makes nothing new.
    assert _sign_in(client, "lan.nt", LAN_PASSWORD).status_code == 302
    assert User.objects.filter(username="lan.nt").count() == 1
    assert AuditRecord.objects.filter(action="user.directory_create").count() == 1


def test_a_wrong_directory_password_or_an_unknown_name_is_refused_and_counted(client, ldap_settings, freeze):
    freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    assert _sign_in(client, "lan.nt", "not her password").status_code == 200
    assert _sign_in(client, "khong.co.ai", "anything at all").status_code == 200
    assert not User.objects.filter(username__in=["lan.nt", "khong.co.ai"]).exists()
    for _ in range(4):
        _sign_in(client, "lan.nt", "not her password")
    # Five failures of one name from one address: locked, and the right password is not even tried.
    locked = _sign_in(client, "lan.nt", LAN_PASSWORD)
    assert locked.status_code == 429
    assert not User.objects.filter(username="lan.nt").exists()
    assert _sign_in(client, "lan.nt", LAN_PASSWORD, ip="10.0.0.8").status_code == 302


def test_a_directory_user_with_a_second_factor_needs_the_code(client, ldap_settings, freeze):
    moment = freeze(dt.datetime(2025, 8, 1, 9, 0, tzinfo=clock.VIETNAM))
    assert _sign_in(client, "hung.tv", "Mật khẩu của Hùng 2").status_code == 302
    client.logout()
    hung = User.objects.get(username="hung.tv")
    secret = pyotp.random_base32()
    assert totp_enrol(actor=hung, user=hung, secret=secret, code=pyotp.TOTP(secret).at(moment - dt.timedelta(seconds=30)))
    answer = _sign_in(client, "hung.tv", "Mật khẩu của Hùng 2")
    assert answer.url == "/login/code/" and "_auth_user_id" not in client.session
    assert client.post("/login/code/", {"code": pyotp.TOTP(secret).at(moment)}).status_code == 302
    assert int(client.session["_auth_user_id"]) == hung.pk


def test_a_deactivated_account_stays_shut_whatever_the_directory_says(client, ldap_settings):
    assert _sign_in(client, "lan.nt", LAN_PASSWORD).status_code == 302
    client.logout()
    User.objects.filter(username="lan.nt").update(is_active=False)
    assert _sign_in(client, "lan.nt", LAN_PASSWORD).status_code == 200
    assert "_auth_user_id" not in client.session


def test_local_passwords_still_sign_in_beside_the_directory(client, ldap_settings, make_user):
    make_user(username="quan.tri.local")
    assert _sign_in(client, "quan.tri.local", "x" * 12).status_code == 302


def test_the_directory_is_off_unless_its_address_is_set():
    """The settings read the environment: without MANDATE_LDAP_URI only local passwords; with it the directory first."""
    code = "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS, settings.AUTH_LDAP_USER_SEARCH.base_dn)"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "mandate.settings", "MANDATE_LDAP_URI": "ldap://127.0.0.1:1",
                   "MANDATE_LDAP_USER_BASE": PEOPLE, "MANDATE_DATA_DIR": str(django_settings.DATA_DIR)}
    environment.pop("DATABASE_URL", None)
    shown = subprocess.run([sys.executable, "-m", "mandate", "shell", "-c", code], env=environment, capture_output=True,
                           text=True, check=True).stdout
    assert "mandate.accounts.directory.DirectoryBackend" in shown and PEOPLE in shown
    del environment["MANDATE_LDAP_URI"]
    shown = subprocess.run([sys.executable, "-m", "mandate", "shell", "-c",
                            "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS)"],
                           env=environment, capture_output=True, text=True, check=True).stdout
    assert shown.strip().splitlines()[-1] == "['mandate.accounts.signin.IdentifierBackend']"
