"""The user's guide (/help/): what each role does day to day, step by step, over screenshots of the real pages.

Each step's text names the menu items, buttons and headings it tells the reader to use by their msgids (`names`),
so the guide always prints the label the page itself prints in the reader's language, and the browser test
(tests/browser/test_help_guide.py) opens each step's page as that role in each language, finds every named label
on it, and takes the screenshot the step shows (src/mandate/static/help/<language>/<role>-<page>.jpg). A renamed
button, a vanished menu item or a missing screenshot fails a test (docs/decisions.md, "The user's guide").
"""
from dataclasses import dataclass, field

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandate.web.pages import page

# The pages the screenshots show: the label of each page (an msgid the app already prints as its title).
PAGES: dict[str, str] = {
    "dashboard": "Dashboard", "tasks": "Tasks", "task_new": "Assign a task", "task": "Tasks",
    "task_extension": "Tasks", "inbox": "What waits for me", "meeting": "Meetings", "ingest": "Read a directive",
    "monitoring": "Scorecards", "administration": "Administration", "person": "Administration",
    "units": "Units, warnings and reminders", "reorganizations": "Reorganizations",
    "cases": "Cases", "case": "Cases", "registers": "Registers and reports of inspection",
}
LANGUAGES = ("vi", "en", "ru", "uk")


@dataclass(frozen=True)
class Step:
    page: str  # a key of PAGES: the page the step's screenshot shows and where its names are found
    text: str  # lazy; {placeholders} are filled with the labels of `names`, in the reader's language
    names: dict[str, str] = field(default_factory=dict)  # placeholder → the msgid of a label that page prints

    def render(self):
        return format_html(str(self.text), **{key: format_html('<strong class="ui">{}</strong>', _(msgid))
                                               for key, msgid in self.names.items()})


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    who: str
    steps: tuple[Step, ...]
    limits: str = ""

    def shot(self, step: Step, language: str) -> str:
        """The screenshot's path under the static files."""
        return f"help/{language}/{self.slug}-{step.page}.jpg"

    def pages(self) -> list[str]:
        """The pages shown, each once, in the order of the steps."""
        return list(dict.fromkeys(step.page for step in self.steps))


GUIDES: tuple[Guide, ...] = (
    Guide(
        "office", gettext_lazy("Office specialist"),
        gettext_lazy("You work in the office of a party committee or a people's committee: you register the documents "
                     "it issues, assign their tasks to the units, and prepare its meetings."),
        (
            Step("dashboard", gettext_lazy("Each morning open {dashboard}: the tasks of your unit by status, those "
                                           "overdue and due soon, and what waits for you."), {"dashboard": "Dashboard"}),
            Step("ingest", gettext_lazy("A new directive: open {read} in the menu, paste its text or upload its file "
                                        "and press {button}. Check the number, the issuing unit and each task the "
                                        "reading found, then confirm: the document and its tasks are registered "
                                        "together."), {"read": "Read a directive", "button": "Read"}),
            Step("task_new", gettext_lazy("A single task: in {tasks} press {assign}. Fill the six clears (who leads, "
                                          "what, by when, who answers for it, the product, who decides) and press "
                                          "{button}. A missing clear is named in red and nothing is saved."),
                 {"tasks": "Tasks", "assign": "Assign a task", "button": "Assign"}),
            Step("meeting", gettext_lazy("A meeting: in {meetings} open it, use {item} to put each draft on the agenda "
                                         "and {delegate} for each delegate and guest."),
                 {"meetings": "Meetings", "item": "Add an agenda item", "delegate": "Add a delegate or a guest"}),
            Step("inbox", gettext_lazy("Before you leave, look at {inbox}: what the units sent back and the opinions "
                                       "to answer."), {"inbox": "What waits for me"}),
        ),
    ),
    Guide(
        "unit", gettext_lazy("Unit staff"),
        gettext_lazy("Your unit leads or coordinates tasks given from above: you report their progress, hand parts to "
                     "the units below and ask for more time when it is needed."),
        (
            Step("inbox", gettext_lazy("Start with {inbox}: the tasks overdue or due soon, and those returned to you "
                                       "with a note."), {"inbox": "What waits for me"}),
            Step("tasks", gettext_lazy("{tasks} lists every task of your unit; choose a status or a deadline and press "
                                       "{filter} to narrow it."), {"tasks": "Tasks", "filter": "Filter"}),
            Step("task", gettext_lazy("Open a task. Under {report} give the percent done, what was done and the "
                                      "evidence files; when the work is finished press {submit}."),
                 {"report": "Report progress", "submit": "Submit the result"}),
            Step("task", gettext_lazy("On the same page: {extend} asks the assigning side for a later deadline, with "
                                      "the reason; {delegate} gives a part of the task to a unit below yours."),
                 {"extend": "Ask for more time", "delegate": "Delegate a part to a unit below"}),
        ),
    ),
    Guide(
        "leader", gettext_lazy("Leader"),
        gettext_lazy("You answer for the tasks of your unit and of the units below it: you decide on requests for "
                     "more time, accept results, and follow who is behind."),
        (
            Step("dashboard", gettext_lazy("{dashboard} shows the tasks by status and the {lagging}."),
                 {"dashboard": "Dashboard", "lagging": "Units lagging behind"}),
            Step("inbox", gettext_lazy("{inbox} holds what only you may decide: requests for more time and results "
                                       "sent for acceptance."), {"inbox": "What waits for me"}),
            Step("task_extension", gettext_lazy("Open the task: under {decide} press {approve} or {refuse}; a result "
                                                "is accepted or returned with its note the same way."),
                 {"decide": "Decide on more time", "approve": "Approve", "refuse": "Refuse"}),
            Step("monitoring", gettext_lazy("{scorecards} rank the units below yours; {lagging} and {cascade} show "
                                            "where a directive stands."),
                 {"scorecards": "Scorecards", "lagging": "Units lagging behind", "cascade": "Cascade of a directive"}),
        ),
    ),
    Guide(
        "inspector", gettext_lazy("Inspector"),
        gettext_lazy("You work in the inspection commission: you read the tasks and documents of every unit your "
                     "committee leads, and keep the commission's cases from their decision to their notice of "
                     "conclusion."),
        (
            Step("cases", gettext_lazy("{cases} lists the cases of your commission by kind and state; {programmes} "
                                       "holds the year's programme and what of it has started, finished or slipped."),
                 {"cases": "Cases", "programmes": "Programmes"}),
            Step("case", gettext_lazy("Open a case and, under {record}, record each step on its date: the decision "
                                      "with its team, the plan, the notice, the self-report, the verification, the "
                                      "team's report and the conclusion. The notice of conclusion is issued last, with "
                                      "its recommendations: each becomes a task of its lead unit. A supervision that "
                                      "follows a directive shows that directive's tasks, the lagging units and the "
                                      "cascade as they stood on the day of each step."),
                 {"record": "Record a step"}),
            Step("registers", gettext_lazy("{registers}: the case register, the discipline register and the report of "
                                           "a quarter or a half-year, on the commission's paper ({word} or Excel)."),
                 {"registers": "Registers and reports of inspection", "word": "Download as Word"}),
            Step("monitoring", gettext_lazy("{scorecards} give the official totals of each unit; {lagging} lists the "
                                            "units with overdue tasks."),
                 {"scorecards": "Scorecards", "lagging": "Units lagging behind"}),
            Step("task", gettext_lazy("A task's page keeps {clears} and the {timeline}: every report, extension and "
                                      "change, who made it and when."),
                 {"clears": "The six clears", "timeline": "Timeline"}),
        ),
        gettext_lazy("Cases are confidential: only the commission and the committee's standing board know of them and "
                     "of the documents they register (the decision, the programme, a disciplinary decision). A unit that "
                     "receives a recommendation sees the task and the notice's number under a plain title, never the "
                     "findings, the notice's own title or its files."),
    ),
    Guide(
        "organization", gettext_lazy("Organization committee staff"),
        gettext_lazy("You keep the apparatus up to date: the people who work in it, their roles and units, and the "
                     "reorganizations of the units."),
        (
            Step("administration", gettext_lazy("In {administration}: {add} for one person, {import} for many; each "
                                                "is given a role in a unit."),
                 {"administration": "Administration", "add": "Add a person",
                  "import": "Import people from a spreadsheet"}),
            Step("person", gettext_lazy("A person's page: {grant} for a new post, {withdraw} when they leave it; "
                                        "{deactivate} when they leave the service (nothing is deleted)."),
                 {"grant": "Grant the role", "withdraw": "Withdraw", "deactivate": "Deactivate the account"}),
            Step("reorganizations", gettext_lazy("{reorganizations} lists every merger, split and rename with its "
                                                 "legal basis and the tasks it handed on."),
                 {"reorganizations": "Reorganizations"}),
        ),
        gettext_lazy("This needs the role of unit administrator. Preparing and applying a reorganization is for "
                     "system administrators. Posts, cadres' records, personnel events, the planning pool and staffing "
                     "are kept under Cadre work in the menu, for the organization committee's staff."),
    ),
    Guide(
        "administrator", gettext_lazy("Administrator"),
        gettext_lazy("You keep Mandate usable: accounts, roles, units and their reminders."),
        (
            Step("administration", gettext_lazy("{administration} finds any person; {add} makes an account with its "
                                                "first role (a temporary password, or a link by e-mail)."),
                 {"administration": "Administration", "add": "Add a person"}),
            Step("person", gettext_lazy("On a person's page: {grant}, {reset}, {unlock} after failed sign-ins, "
                                        "{deactivate}."),
                 {"grant": "Grant the role", "reset": "Reset the password", "unlock": "Unlock",
                  "deactivate": "Deactivate the account"}),
            Step("units", gettext_lazy("{units}: add an agency under a unit, and set when its tasks count as due soon "
                                       "and when its people are reminded."),
                 {"units": "Units, warnings and reminders"}),
            Step("reorganizations", gettext_lazy("{prepare} records a merger, split or rename; it hands the open tasks "
                                                 "on when applied, and can be reverted."),
                 {"prepare": "Prepare a reorganization"}),
        ),
        gettext_lazy("A unit administrator does the same within their own unit's subtree; the system administrator, "
                     "everywhere."),
    ),
)
BY_SLUG = {guide.slug: guide for guide in GUIDES}


def language() -> str:
    code = (get_language() or "vi").split("-")[0]
    return code if code in LANGUAGES else "vi"


@page
def index(request: HttpRequest, as_of) -> HttpResponse:
    return render(request, "help/index.html", {"guides": GUIDES})


@page
def guide_page(request: HttpRequest, as_of, slug: str) -> HttpResponse:
    guide = BY_SLUG.get(slug)
    if guide is None:
        raise Http404
    shown, steps = set(), []
    for step in guide.steps:
        shot = None
        if step.page not in shown:
            shown.add(step.page)
            shot = {"src": static(guide.shot(step, language())),
                    "alt": _("Screenshot: {page}").format(page=_(PAGES[step.page]))}
        steps.append({"text": step.render(), "shot": shot})
    return render(request, "help/guide.html", {"guide": guide, "steps": steps, "guides": GUIDES})
