"""Page routes of reorganizations, included under /reorganizations/."""
from django.urls import path

from mandate.reorganizations import views

urlpatterns = [
    path("", views.reorganization_list, name="reorganizations"),
    path("new/", views.reorganization_create, name="reorganization_create"),
    path("<int:reorganization_id>/", views.reorganization_preview, name="reorganization_preview"),
    path("<int:reorganization_id>/destinations/", views.reorganization_destinations, name="reorganization_destinations"),
    path("<int:reorganization_id>/apply/", views.reorganization_apply, name="reorganization_apply"),
    path("<int:reorganization_id>/revert/", views.reorganization_revert, name="reorganization_revert"),
]
