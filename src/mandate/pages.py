"""The page routes of every app, in one list."""
from django.urls import path

urlpatterns: list = []
