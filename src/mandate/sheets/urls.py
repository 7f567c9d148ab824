from django.urls import path

from mandate.sheets import list_exports, views

urlpatterns = [
    path("tasks/import/", views.task_import, name="task_import"),
    path("tasks/import/template.xlsx", views.task_import_template, name="task_import_template"),
    path("tasks/import/<int:batch_id>/", views.task_import_preview, name="task_import_preview"),
    path("tasks/import/<int:batch_id>/confirm/", views.task_import_confirm, name="task_import_confirm"),
    path("tasks/export.<str:fmt>", list_exports.tasks_export, name="tasks_export"),
    path("documents/export.<str:fmt>", list_exports.documents_export, name="documents_export"),
]
