"""Pages of the inbox, under /inbox/."""
from django.urls import path

from mandate.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("summary/", views.inbox_summary, name="summary"),
    path("count/", views.inbox_count, name="count"),
]
