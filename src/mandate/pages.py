"""The page routes of every app, in one list."""
from django.urls import include, path

from mandate import conclusion_pages, guide
from mandate.accounts import admin_views, views as accounts
from mandate.documents import views as documents
from mandate.monitoring import views as monitoring
from mandate.orgs import views as orgs
from mandate.search import views as search
from mandate.tasks import document_views
from mandate.tasks import views as tasks

ADMINISTRATION = [
    path("", admin_views.index, name="index"),
    path("people/new/", admin_views.person_new, name="person_new"),
    path("people/<int:user_id>/", admin_views.person, name="person"),
    path("units/", admin_views.units, name="units"),
    path("delegations/", admin_views.delegations, name="delegations"),
    path("clusters/", admin_views.clusters, name="clusters"),
    path("calendar/", admin_views.calendar, name="calendar"),
]

urlpatterns: list = [
    path("", tasks.dashboard, name="dashboard"),
    path("login/", accounts.login, name="login"),
    path("login/code/", accounts.login_code, name="login_code"),
    path("login/unlock/", accounts.login_unlock_request, name="login_unlock_request"),
    path("login/unlock/<str:token>/", accounts.login_unlock, name="login_unlock"),
    path("logout/", accounts.logout, name="logout"),
    path("account/two-factor/", accounts.two_factor, name="two_factor"),
    path("account/tokens/", accounts.token_list, name="tokens"),
    path("account/tokens/<int:token_id>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("account/reminders/", monitoring.reminder_preferences, name="reminder_preferences"),
    path("account/password/", accounts.password_change, name="password_change"),
    path("account/sessions/", accounts.session_list, name="sessions"),
    path("password-reset/", accounts.password_reset, name="password_reset"),
    path("password-reset/sent/", accounts.password_reset_sent, name="password_reset_sent"),
    path("password-reset/done/", accounts.password_reset_done, name="password_reset_done"),
    path("password-reset/<str:uidb64>/<str:token>/", accounts.password_reset_confirm, name="password_reset_confirm"),
    path("administration/", include((ADMINISTRATION, "admin_pages"))),
    path("regulations/<str:code>/", accounts.regulation_detail, name="regulation"),
    path("people/search/", accounts.user_search, name="user_search"),
    path("tasks/", tasks.task_list, name="tasks"),
    path("tasks/new/", tasks.task_create, name="task_create"),
    path("tasks/new/check/", tasks.task_check, name="task_check"),
    path("tasks/<int:task_id>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/progress/", tasks.task_progress, name="task_progress"),
    path("tasks/<int:task_id>/evidence/<int:evidence_id>/", tasks.evidence_download, name="evidence_download"),
    path("tasks/<int:task_id>/transition/", tasks.task_transition, name="task_transition"),
    path("tasks/<int:task_id>/delegate/", tasks.task_delegate, name="task_delegate"),
    path("tasks/<int:task_id>/extensions/", tasks.task_extension_request, name="task_extension_request"),
    path("tasks/<int:task_id>/extensions/<int:extension_id>/decision/", tasks.task_extension_decide,
         name="task_extension_decide"),
    path("documents/", documents.document_list, name="documents"),
    path("documents/new/", documents.document_register, name="document_register"),
    path("documents/search/", documents.document_search, name="document_search"),
    path("documents/<int:document_id>/", document_views.document_detail, name="document_detail"),
    path("documents/<int:document_id>/attachments/", document_views.document_attach, name="document_attach"),
    path("documents/<int:document_id>/attachments/<int:attachment_id>/", documents.attachment_download,
         name="attachment_download"),
    path("search/", search.search, name="search"),
    path("units/", orgs.unit_tree, name="units"),
    path("units/search/", orgs.unit_search, name="unit_search"),
    path("ingest/", include("mandate.ingest.urls")),
    path("meetings/<int:meeting_id>/conclusion/", conclusion_pages.conclusion_read, name="meeting_conclusion"),
    path("meetings/<int:meeting_id>/conclusion/confirm/", conclusion_pages.conclusion_issue,
         name="meeting_conclusion_confirm"),
    path("meetings/", include("mandate.meetings.urls")),
    path("monitoring/", include("mandate.monitoring.urls")),
    path("personnel/", include("mandate.personnel.urls")),
    path("inspections/", include("mandate.inspections.urls")),
    path("reorganizations/", include("mandate.reorganizations.urls")),
    path("", include("mandate.sheets.urls")),
    path("inbox/", include("mandate.inbox.urls")),
    path("reviews/", include("mandate.reviews.urls")),
    path("help/", guide.index, name="help"),
    *[path(f"help/{each.slug}/", guide.guide_page, {"slug": each.slug}, name=f"help_{each.slug}") for each in guide.GUIDES],
]
