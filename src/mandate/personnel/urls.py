from django.urls import path

from mandate.personnel import views

app_name = "personnel"

urlpatterns = [
    path("", views.position_list, name="positions"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/search/", views.position_search, name="position_search"),
    path("positions/<int:position_id>/", views.position_detail, name="position"),
    path("people/", views.person_list, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/search/", views.person_search, name="person_search"),
    path("people/<int:person_id>/", views.person_detail, name="person"),
    path("people/<int:person_id>/correct/", views.person_correct, name="person_correct"),
    path("people/<int:person_id>/holdings/", views.person_holding, name="person_holding"),
    path("people/<int:person_id>/disciplines/", views.person_discipline, name="person_discipline"),
    path("decisions/search/", views.decision_search, name="decision_search"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("roles/", views.role_offer, name="role_offer"),
    path("roles/left-over/", views.roles_left_over, name="roles_left_over"),
    path("staffing/", views.staffing, name="staffing"),
    path("planning/", views.planning, name="planning"),
    path("record-openings/", views.record_openings, name="record_openings"),
    path("my-posts/", views.my_posts, name="my_posts"),
]
