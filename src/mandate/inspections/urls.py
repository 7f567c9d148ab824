"""Pages of the inspection commission's work, under /inspections/."""
from django.urls import path

from mandate.inspections import citation_views, export_views

app_name = "inspections"

urlpatterns = [
    path("registers/", export_views.registers_page, name="registers"),
    path("cases/export.<str:fmt>", export_views.cases_export, name="cases_export"),
    path("discipline/export.<str:fmt>", export_views.discipline_export, name="discipline_export"),
    path("report.<str:fmt>", export_views.report_export, name="report_export"),
    path("programmes/<int:programme_id>/export.<str:fmt>", export_views.programme_export, name="programme_export"),
    path("cases/<int:case_id>/citations/", citation_views.case_cite, name="case_cite"),
]
