from django.urls import path

from mandate.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:meeting_id>/", views.meeting_detail, name="detail"),
    path("<int:meeting_id>/delegates/", views.delegate_add, name="delegate_add"),
    path("<int:meeting_id>/delegates/<int:delegate_id>/", views.delegate_update, name="delegate_update"),
    path("<int:meeting_id>/groups/", views.group_create, name="group_create"),
    path("<int:meeting_id>/items/", views.item_add, name="item_add"),
    path("<int:meeting_id>/items/<int:item_id>/", views.meeting_item, name="item"),
    path("<int:meeting_id>/items/<int:item_id>/opinions/", views.opinion_give, name="opinion_give"),
    path("<int:meeting_id>/items/<int:item_id>/versions/", views.version_add, name="version_add"),
    path("<int:meeting_id>/close/", views.meeting_close, name="close"),
    path("<int:meeting_id>/responses/", views.responses, name="responses"),
    path("<int:meeting_id>/responses/<int:opinion_id>/", views.respond, name="respond"),
    path("<int:meeting_id>/responses.<str:fmt>", views.responses_export, name="responses_export"),
]
