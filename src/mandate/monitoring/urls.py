"""Pages of monitoring and their exports, under /monitoring/."""
from django.urls import path

from mandate.monitoring import export_views as exports
from mandate.monitoring import supervision_views
from mandate.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("clusters/<str:code>/", views.cluster, name="cluster"),
    path("lagging/", views.lagging, name="lagging"),
    path("cascade/", views.cascade, name="cascade"),
    path("kpis/", views.kpis, name="kpis"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("scorecards/export.<str:fmt>", exports.scorecard_export, name="scorecard_export"),
    path("lagging/export.<str:fmt>", exports.lagging_export, name="lagging_export"),
    path("cascade/export.<str:fmt>", exports.cascade_export, name="cascade_export"),
    path("supervision/<int:case_id>/", supervision_views.supervision, name="supervision"),
]
