from django.urls import path

from mandate.inspections import citation_views, export_views, views

app_name = "inspections"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/steps/", views.case_step, name="step"),
    path("<int:case_id>/extension/", views.case_extend, name="extend"),
    path("<int:case_id>/decline/", views.case_decline, name="decline"),
    path("<int:case_id>/conclusion/", views.case_conclude, name="conclude"),
    path("<int:case_id>/citations/", citation_views.case_cite, name="case_cite"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:programme_id>/", views.programme_detail, name="programme"),
    path("programmes/<int:programme_id>/export.<str:fmt>", export_views.programme_export, name="programme_export"),
    path("discipline/", views.discipline_list, name="discipline"),
    path("people/search/", views.person_search, name="person_search"),
    # The registers and the report of the commission's work, as DOCX and XLSX on its paper (export_views).
    path("registers/", export_views.registers_page, name="registers"),
    path("cases/export.<str:fmt>", export_views.cases_export, name="cases_export"),
    path("discipline/export.<str:fmt>", export_views.discipline_export, name="discipline_export"),
    path("report.<str:fmt>", export_views.report_export, name="report_export"),
]
