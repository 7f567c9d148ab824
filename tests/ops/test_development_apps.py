"""The demo and the benchmarks are development apps: a server never loads them, their three commands still run."""
import json
import os
import subprocess
import sys
from pathlib import Path

import mandate
from mandate.__main__ import settings_module

SOURCE = Path(mandate.__file__).resolve().parents[1]
DEVELOPMENT_APPS = ("mandate.demo", "mandate.benchmarks")


def run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """`python …` as a server would run it: no settings module chosen beforehand, a data folder of its own."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_SETTINGS"))}
    environment.update(MANDATE_DATA_DIR=str(tmp_path), PYTHONPATH=str(SOURCE))
    environment.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=environment, timeout=120)


def test_the_production_settings_install_neither_development_app():
    from mandate import settings, settings_dev

    assert [app for app in settings.INSTALLED_APPS if app in DEVELOPMENT_APPS] == []
    assert [*settings.INSTALLED_APPS, "mandate.benchmarks", "mandate.demo"] == settings_dev.INSTALLED_APPS


def test_the_wsgi_application_loads_no_development_app(tmp_path):
    loaded = run(tmp_path, "-c", "import json, mandate.wsgi; from django.apps import apps; "
                                 "print(json.dumps([a.name for a in apps.get_app_configs()]))")
    assert loaded.returncode == 0, loaded.stderr
    apps = json.loads(loaded.stdout)
    assert "mandate.tasks" in apps and [app for app in apps if app in DEVELOPMENT_APPS] == []


def test_only_the_development_commands_choose_the_development_settings():
    assert [settings_module(["mandate", command]) for command in ("demo", "generate", "bench")] == [
        "mandate.settings_dev"] * 3
    assert [settings_module(["mandate", command]) for command in ("migrate", "runserver", "remind", "help")] == [
        "mandate.settings"] * 4
    assert settings_module(["mandate"]) == "mandate.settings"


def test_the_server_commands_do_not_list_the_development_ones_and_these_still_run(tmp_path):
    listed = run(tmp_path, "-m", "mandate", "help", "--commands")
    assert listed.returncode == 0, listed.stderr
    commands = set(listed.stdout.split())
    assert {"migrate", "remind", "audit"} <= commands and commands.isdisjoint({"demo", "generate", "bench"})
    for command, says in (("demo", "--tasks"), ("generate", "--seed"), ("bench", "--repeat")):
        helped = run(tmp_path, "-m", "mandate", command, "--help")
        assert (helped.returncode, says in helped.stdout) == (0, True), helped.stderr
