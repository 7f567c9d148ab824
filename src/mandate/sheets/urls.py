from django.urls import path

from mandate.sheets import list_exports, personnel_exports, views

# Each kind of import at home beside its list: tasks/import/, documents/import/, people/import/,
# monitoring/kpis/import/ (the values of the KPI targets, a commune's indicators among them).
urlpatterns = [
    path(f"{prefix}import/{route}", view, {"kind": kind}, name=f"{kind}_import{suffix}")
    for prefix, kind in (("tasks/", "tasks"), ("documents/", "documents"), ("people/", "users"),
                         ("personnel/positions/", "positions"), ("personnel/people/", "cadres"),
                         ("monitoring/kpis/", "kpi_values"))
    for route, view, suffix in (("", views.import_start, ""), ("template.xlsx", views.import_template, "_template"),
                                ("<int:batch_id>/", views.import_preview, "_preview"),
                                ("<int:batch_id>/confirm/", views.import_confirm, "_confirm"))
] + [
    path("tasks/export.<str:fmt>", list_exports.tasks_export, name="tasks_export"),
    path("documents/export.<str:fmt>", list_exports.documents_export, name="documents_export"),
    path("personnel/exports/", personnel_exports.personnel_exports, name="personnel_exports"),
    path("personnel/exports/<str:report>.<str:fmt>", personnel_exports.personnel_export, name="personnel_export"),
]
