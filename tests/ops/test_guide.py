"""The operator's guide works as written: the blocks of docs/operations.md marked `<!-- guide-test -->` run in order,
as an unprivileged user (nobody, when the test runs as root), in a temporary prefix, on a fresh database and data
folder, with the guide's own commands.

What the test changes in them, and only that: /opt/mandate, /var/lib/mandate and /etc/mandate move under the prefix;
`sudo -u mandate` is dropped (the whole script already runs as the throwaway user); `python3` is this test's Python;
the database is a fresh SQLite file in the data folder; mail goes to the test's SMTP server; and the one step that
would download (`pip install /path/to/mandate`) links this checkout and its installed dependencies into the new
virtual environment instead, since tests never download. The root-only steps (apt-get, adduser, the systemd units,
nginx) are checked by tests/ops/test_deploy_configs.py.
"""
import os
import pwd
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

import mandate

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "operations.md"
MARK = "<!-- guide-test -->"


def guide_blocks() -> list[str]:
    text = GUIDE.read_text()
    blocks = re.findall("^" + re.escape(MARK) + r"\n```sh\n(.*?)```", text, flags=re.DOTALL | re.MULTILINE)
    marks = re.findall("^" + re.escape(MARK) + "$", text, flags=re.MULTILINE)
    assert len(blocks) == len(marks), "every mark must stand on the line right before a ```sh block"
    return blocks


def adapt(block: str, *, prefix: Path, python: str, smtp_port: int) -> str:
    venv = prefix / "opt/mandate/venv"
    site_packages = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    link = (f"printf '%s\\n' {Path(mandate.__file__).parents[1]} {sysconfig.get_paths()['purelib']} "
            f"> {site_packages}/mandate-under-test.pth\n"
            f"printf '#!{venv}/bin/python\\nfrom mandate.__main__ import main\\nmain()\\n' > {venv}/bin/mandate\n"
            f"chmod 755 {venv}/bin/mandate")
    block = re.sub(r"^/opt/mandate/venv/bin/pip install /path/to/mandate.*$", lambda _: link, block, flags=re.MULTILINE)
    block = re.sub(r"^python3 ", f"{python} ", block, flags=re.MULTILINE)
    block = block.replace("$(python3 ", f"$({python} ")
    block = block.replace("sudo -u mandate bash -c", "bash -c")
    for folder in ("/opt/mandate", "/var/lib/mandate", "/etc/mandate"):
        block = re.sub(rf"(?<![\w/]){re.escape(folder)}", f"{prefix}{folder}", block)
    block = block.replace("DATABASE_URL=postgres:///mandate", f"DATABASE_URL=sqlite:///{prefix}/var/lib/mandate/mandate.sqlite3")
    block = block.replace("MANDATE_EMAIL_PORT=25", f"MANDATE_EMAIL_PORT={smtp_port}")
    return block


@pytest.fixture
def prefix():
    folder = Path(tempfile.mkdtemp(prefix="mandate-guide-"))
    for sub in ("opt/mandate", "var/lib/mandate/static", "var/lib/mandate/media", "var/lib/mandate/backups", "etc/mandate"):
        (folder / sub).mkdir(parents=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
                    reason="the guide runs on its own SQLite file whatever the suite's database: once on the SQLite run")
def test_the_guide_runs_as_written_as_an_unprivileged_user(prefix, smtp, settings):
    blocks = guide_blocks()
    assert len(blocks) >= 5
    python = sys._base_executable  # the Python this test runs on: Debian's 3.11.2 under `make test-debian-python`
    script = "set -euo pipefail\n" + "\n".join(adapt(b, prefix=prefix, python=python, smtp_port=settings.EMAIL_PORT)
                                               for b in blocks)
    (prefix / "guide.sh").write_text(script)
    command = ["bash", str(prefix / "guide.sh")]
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        drop = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
        needed = [python, Path(mandate.__file__).parent / "__init__.py", sysconfig.get_paths()["purelib"]]
        if subprocess.run([*drop, "test", "-r", str(needed[1]), "-a", "-x", str(needed[0]), "-a", "-r", str(needed[2])],
                          capture_output=True).returncode != 0:
            # This Python or checkout lies where nobody may not read (a pyenv under /root): root runs it, which the
            # run under Debian's own Python (make test-debian-python, a venv in the checkout) does not need.
            drop = []
        for path in [prefix, *prefix.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
        command = [*drop, *command]
    environment = {"PATH": f"{prefix}/opt/mandate/venv/bin:/usr/bin:/bin", "HOME": str(prefix), "LANG": "C.UTF-8"}
    run = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600, cwd=prefix)
    assert run.returncode == 0, f"{run.stdout[-3000:]}\n{run.stderr[-3000:]}"

    assert run.stdout.splitlines()[0] == mandate.__version__  # `mandate version`
    environment_file = prefix / "etc/mandate/mandate.env"
    assert environment_file.stat().st_mode & 0o777 == 0o640  # written under umask 027: never readable by others
    assert "CHANGE-ME" not in environment_file.read_text()
    assert (prefix / "var/lib/mandate/static/mandate").is_dir()  # collectstatic
    assert any(p.suffix == ".gz" for p in (prefix / "var/lib/mandate/static").rglob("*"))  # WhiteNoise's copies
    assert [to for to, _ in smtp.messages] == [["operator@example.gov.vn"]]  # sendtestemail
    backups = list((prefix / "var/lib/mandate/backups").iterdir())
    assert len(backups) == 1 and f"đã khôi phục {backups[0]}" in run.stdout
    # and `mandate audit verify`, which restore runs last, passed: the script's exit status above
