from django.urls import include, path

from mandate.api import api
from mandate.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("mandate.pages")),
]
# No /media/: uploads are handed out only by views that check who may see them (web/downloads.py).
