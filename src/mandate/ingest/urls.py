from django.urls import path

from mandate.ingest import views

urlpatterns = [
    path("", views.ingest_start, name="ingest"),
    path("confirm/", views.ingest_confirm, name="ingest_confirm"),
]
