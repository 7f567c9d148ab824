"""Pages of reviews and their exports, under /reviews/."""
from django.urls import path

from mandate.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.index, name="index"),
    path("regimes/", views.regimes, name="regimes"),
    path("regimes/<int:regime_id>/", views.regime, name="regime"),
    path("regimes/<int:regime_id>/remind/", views.remind, name="remind"),
    path("regimes/<int:regime_id>/reports/new/", views.report_new, name="report_new"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:report_id>/", views.report, name="report"),
    path("reports/<int:report_id>/issue/", views.report_issue, name="report_issue"),
    path("reports/<int:report_id>/export.<str:fmt>", views.report_export, name="report_export"),
    path("ratings/", views.ratings, name="ratings"),
    path("ratings/rules/", views.rating_rules, name="rating_rules"),
    path("ratings/decide/", views.ratings_decide, name="ratings_decide"),
    path("ratings/export.<str:fmt>", views.ratings_export, name="ratings_export"),
    path("ratings/<int:review_id>/", views.rating, name="rating"),
    path("indicators/", views.indicator_sets, name="indicator_sets"),
    path("indicators/<int:set_id>/", views.indicator_set, name="indicator_set"),
    path("indicators/<int:set_id>/apply/", views.indicator_set_apply, name="indicator_set_apply"),
]
