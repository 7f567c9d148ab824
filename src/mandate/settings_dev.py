"""The production settings plus the two development apps: the demo and the benchmarks.

`mandate demo`, `mandate generate` and `mandate bench` load this module by themselves (see `__main__.py`), and the
test suite runs on it; a server (`gunicorn mandate.wsgi`, `mandate migrate`) never loads these apps. Neither app has
models, so the database is the same under both modules.
"""
from mandate.settings import *  # noqa: F403 — every production setting, unchanged
from mandate.settings import INSTALLED_APPS

DEVELOPMENT_APPS = ["mandate.benchmarks", "mandate.demo"]
INSTALLED_APPS = [*INSTALLED_APPS, *DEVELOPMENT_APPS]
