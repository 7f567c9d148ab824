from django.urls import path

from mandate.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/steps/", views.case_step, name="step"),
    path("<int:case_id>/extension/", views.case_extend, name="extend"),
    path("<int:case_id>/decline/", views.case_decline, name="decline"),
    path("<int:case_id>/conclusion/", views.case_conclude, name="conclude"),
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:programme_id>/", views.programme_detail, name="programme"),
    path("discipline/", views.discipline_list, name="discipline"),
    path("people/search/", views.person_search, name="person_search"),
]
