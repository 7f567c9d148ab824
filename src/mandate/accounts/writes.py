"""The write matrix: every route that can change something, page or API, and who may change it through it.

`tests/security/test_write_walk.py` reads the routes from the URL resolver and the API schema: a new route that is
in neither list below fails it, and it walks every route as a viewer, an inspector and a writer of another province,
asserting that none of them changes a row or the audit trail. The API's exact status per role and scope is
`tests/security/test_permission_matrix.py`.
"""

LEAD = "writers (unit administrator, leader, specialist) of the task's lead unit or above it"
DECIDE = "the role the working regulation names on the assigning side (leaders by default), never the requester"
REGISTER = "writers of the issuing unit; for an unregistered reference, whoever registers documents somewhere"
MEETING = "writers of the meeting's body"
ADMIN = "system administrators"
OWN = "the signed-in user, on their own account"
CADRE_FILES = "the organization committee's staff (Ban Tổ chức: administrators, leaders, specialists) of the unit's territory"
CADRE_RECORD = f"{CADRE_FILES}, among those who may open the cadre's record (personnel/permissions.py)"
ADMINISTER = ("system administrators; unit administrators within their subtree, never above their own role or clearance "
              "(accounts/administration.py)")

# Page routes (as the resolver spells them) that accept a POST which may change data.
PAGE_WRITES: dict[str, str] = {
    "login/": "anyone (signing in; failures are counted)",
    "login/code/": "anyone halfway through signing in",
    "login/unlock/": "anyone (asks for an unlock link to the account's own e-mail; at most one per account every 15 minutes)",
    "login/unlock/<str:token>/": "whoever holds an unlock link that was sent (it unlocks that browser only)",
    "logout/": OWN,
    "account/password/": OWN,
    "account/sessions/": OWN,
    "password-reset/": "anyone (asks for a reset link to the account's own e-mail; the answer never tells whether it exists)",
    "password-reset/<str:uidb64>/<str:token>/": "whoever holds a reset link that was sent (it works once)",
    "administration/people/new/": ADMINISTER,
    "administration/people/<int:user_id>/": ADMINISTER,
    "administration/units/": "the unit administrators over the parent unit (adding) or the unit (its warning and reminders)",
    "administration/delegations/": "the administrators of the delegating unit, to a unit below it",
    "administration/clusters/": "the administrators of every unit in the cluster",
    "administration/calendar/": "system administrators (the working-day calendar is the country's; unit administrators read it)",
    "account/two-factor/": OWN,
    "account/tokens/<int:token_id>/revoke/": OWN,
    "account/reminders/": OWN,
    "tasks/new/": "writers of the assigning unit, to units their role reaches; back-dating by a leader with a reason",
    "tasks/<int:task_id>/progress/": LEAD,
    "tasks/<int:task_id>/transition/": f"start, submit: {LEAD}; accept, return: {DECIDE}; cancel: leaders of the assigning unit",
    "tasks/<int:task_id>/delegate/": LEAD,
    "tasks/<int:task_id>/extensions/": LEAD,
    "tasks/<int:task_id>/extensions/<int:extension_id>/decision/": DECIDE,
    "tasks/import/": "whoever assigns tasks somewhere (reading the file writes its preview only, kept for its reader)",
    "tasks/import/<int:batch_id>/confirm/": "the one who uploaded the file, while they may assign tasks; each row as "
                                            "the task form checks it",
    "documents/import/": f"{REGISTER} somewhere (reading the file writes its preview only, kept for its reader)",
    "documents/import/<int:batch_id>/confirm/": "the one who uploaded the file; each row as a registration is checked",
    "people/import/": "system and unit administrators (reading the file writes its preview only, kept for its reader)",
    "people/import/<int:batch_id>/confirm/": "the one who uploaded the file; each row as an appointment is checked",
    "documents/new/": REGISTER,
    "documents/<int:document_id>/attachments/": REGISTER,
    "ingest/": "whoever registers documents somewhere (reading is the register's first step)",
    "ingest/confirm/": REGISTER,
    "meetings/new/": MEETING,
    "meetings/<int:meeting_id>/delegates/": MEETING,
    "meetings/<int:meeting_id>/delegates/<int:delegate_id>/": MEETING,
    "meetings/<int:meeting_id>/groups/": MEETING,
    "meetings/<int:meeting_id>/items/": MEETING,
    "meetings/<int:meeting_id>/items/<int:item_id>/opinions/": MEETING,
    "meetings/<int:meeting_id>/items/<int:item_id>/versions/": MEETING,
    "meetings/<int:meeting_id>/close/": MEETING,
    "meetings/<int:meeting_id>/conclusion/": f"{MEETING} (reading the conclusion, the first step of issuing it)",
    "meetings/<int:meeting_id>/conclusion/confirm/": f"{MEETING}, who also register documents of the issuing unit",
    "meetings/<int:meeting_id>/responses/<int:opinion_id>/": MEETING,
    "monitoring/notifications/read/": OWN,
    "personnel/positions/new/": CADRE_FILES,
    "personnel/people/new/": CADRE_FILES,
    "personnel/people/<int:person_id>/correct/": f"{CADRE_RECORD}, of the unit keeping the dossier or of one of the posts",
    "personnel/people/<int:person_id>/holdings/": CADRE_RECORD,
    "personnel/people/<int:person_id>/disciplines/": f"{CADRE_RECORD}; or writers of the deciding body",
    "personnel/events/new/": f"{CADRE_RECORD} (a check writes nothing)",
    "personnel/roles/": ADMINISTER,
    "personnel/staffing/": CADRE_FILES,
    "personnel/planning/": CADRE_RECORD,
    "reorganizations/new/": ADMIN,
    "reorganizations/<int:reorganization_id>/destinations/": ADMIN,
    "reorganizations/<int:reorganization_id>/apply/": "system administrators, as the working regulation's sign-off rule says",
    "reorganizations/<int:reorganization_id>/revert/": ADMIN,
}

# Page routes that only read: a POST to them changes nothing (it is answered as a GET, refused or 405).
PAGE_READS: frozenset[str] = frozenset({
    "", "account/tokens/", "administration/", "password-reset/sent/", "password-reset/done/", "regulations/<str:code>/", "people/search/", "tasks/", "tasks/new/check/", "tasks/<int:task_id>/",
    "documents/", "documents/search/", "documents/<int:document_id>/", "units/", "units/search/", "meetings/", "meetings/<int:meeting_id>/",
    "meetings/<int:meeting_id>/items/<int:item_id>/", "meetings/<int:meeting_id>/responses/",
    "meetings/<int:meeting_id>/responses.<str:fmt>", "monitoring/", "monitoring/clusters/<str:code>/", "monitoring/lagging/",
    "monitoring/cascade/", "monitoring/notifications/", "monitoring/kpis/", "monitoring/scorecards/export.<str:fmt>",
    "monitoring/lagging/export.<str:fmt>", "monitoring/cascade/export.<str:fmt>", "reorganizations/",
    "reorganizations/<int:reorganization_id>/", "documents/<int:document_id>/attachments/<int:attachment_id>/",
    "tasks/<int:task_id>/evidence/<int:evidence_id>/", "tasks/import/template.xlsx", "tasks/import/<int:batch_id>/",
    "documents/import/template.xlsx", "documents/import/<int:batch_id>/", "people/import/template.xlsx",
    "people/import/<int:batch_id>/",
    "tasks/export.<str:fmt>", "documents/export.<str:fmt>",
    "inbox/", "inbox/summary/", "inbox/count/", "search/",
    "help/", "help/office/", "help/unit/", "help/leader/", "help/inspector/", "help/organization/",
    "help/administrator/",  # the user's guide (mandate/guide.py)
    "personnel/", "personnel/positions/search/", "personnel/positions/<int:position_id>/", "personnel/people/",
    "personnel/people/search/", "personnel/people/<int:person_id>/", "personnel/decisions/search/", "personnel/events/",
    "personnel/record-openings/", "personnel/my-posts/", "personnel/roles/left-over/",  # cadre work (an opening of a record writes only its log line)
    "healthz",  # the monitor's GET (mandate/health.py); a POST is a 405
})

# API operations other than GET (as the OpenAPI schema spells them): who may write through each.
API_WRITES: dict[tuple[str, str], str] = {
    ("POST", "/api/v1/documents"): REGISTER,
    ("POST", "/api/v1/documents/parse-number"): "anyone signed in (reads only: it parses a number)",
    ("POST", "/api/v1/documents/{document_id}/relations"): REGISTER,
    ("POST", "/api/v1/documents/{document_id}/attachments"): REGISTER,
    ("POST", "/api/v1/tasks"): PAGE_WRITES["tasks/new/"],
    ("POST", "/api/v1/tasks/{task_id}/delegate"): LEAD,
    ("POST", "/api/v1/tasks/{task_id}/transitions"): PAGE_WRITES["tasks/<int:task_id>/transition/"],
    ("POST", "/api/v1/tasks/{task_id}/progress"): LEAD,
    ("POST", "/api/v1/tasks/{task_id}/extensions"): LEAD,
    ("POST", "/api/v1/tasks/{task_id}/extensions/{extension_id}/decision"): DECIDE,
    ("POST", "/api/v1/reorganizations"): ADMIN,
    ("POST", "/api/v1/reorganizations/{reorganization_id}/destinations"): ADMIN,
    ("POST", "/api/v1/reorganizations/{reorganization_id}/apply"): PAGE_WRITES["reorganizations/<int:reorganization_id>/apply/"],
    ("POST", "/api/v1/reorganizations/{reorganization_id}/revert"): ADMIN,
    ("POST", "/api/v1/reorganizations/batches/{batch}/apply"): ADMIN,
    ("POST", "/api/v1/ingest"): PAGE_WRITES["ingest/"],
    ("POST", "/api/v1/ingest/confirm"): REGISTER,
    ("POST", "/api/v1/kpis"): "leaders of the unit",
    ("POST", "/api/v1/kpis/{kpi_id}/actuals"): "writers of the unit",
    ("POST", "/api/v1/positions"): CADRE_FILES,
    ("POST", "/api/v1/people"): CADRE_FILES,
    ("PATCH", "/api/v1/people/{person_id}"): PAGE_WRITES["personnel/people/<int:person_id>/correct/"],
    ("POST", "/api/v1/people/{person_id}"): PAGE_WRITES["personnel/people/<int:person_id>/correct/"],
    ("POST", "/api/v1/people/{person_id}/holdings"): CADRE_RECORD,
    ("POST", "/api/v1/people/{person_id}/disciplines"): PAGE_WRITES["personnel/people/<int:person_id>/disciplines/"],
    ("POST", "/api/v1/personnel-events"): PAGE_WRITES["personnel/events/new/"],
    ("POST", "/api/v1/personnel/staffing"): CADRE_FILES,
    ("POST", "/api/v1/personnel/planning"): CADRE_RECORD,
    ("POST", "/api/v1/meetings"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/delegates"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/delegates/{delegate_id}/group"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/delegates/{delegate_id}/attendance"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/groups"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/items"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/items/{item_id}/versions"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/opinions"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/opinions/{opinion_id}/response"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/close"): MEETING,
    ("POST", "/api/v1/meetings/{meeting_id}/conclusion"): MEETING,
    ("POST", "/api/v1/notifications/read"): OWN,
    ("POST", "/api/v1/tokens/{token_id}/revoke"): OWN,
    ("POST", "/api/v1/administration/people"): ADMINISTER,
    ("POST", "/api/v1/administration/people/{user_id}/roles"): ADMINISTER,
    ("POST", "/api/v1/administration/people/{user_id}/deactivate"): ADMINISTER,
    ("POST", "/api/v1/administration/people/{user_id}/unlock"): ADMINISTER,
    ("POST", "/api/v1/administration/units"): PAGE_WRITES["administration/units/"],
    ("POST", "/api/v1/administration/people/{user_id}/roles/{membership_id}/withdraw"): ADMINISTER,
    ("POST", "/api/v1/administration/people/{user_id}/activate"): ADMINISTER,
    ("POST", "/api/v1/administration/people/{user_id}/password"): ADMINISTER,
    ("POST", "/api/v1/administration/units/{code}/alerts"): PAGE_WRITES["administration/units/"],
    ("POST", "/api/v1/administration/delegations"): PAGE_WRITES["administration/delegations/"],
    ("POST", "/api/v1/administration/clusters"): PAGE_WRITES["administration/clusters/"],
}
