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
    "cadre_positions": "Posts", "cadre_person": "Cadres", "cadre_event": "New personnel event",
    "cadre_vacancies": "Posts", "cadre_staffing": "Staffing", "cadre_planning": "Planning pool",
    "regime": "Report regimes", "report": "Periodic reports", "ratings": "Review and rating", "rating": "Review and rating",
    "indicator_set": "Indicator sets",
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
            Step("cadre_positions", gettext_lazy("Cadre work: in {cadre}, {posts} lists the posts of the unit you name, "
                                                 "their seats and who holds each on the day shown at the top; "
                                                 "{add_post} adds one. A post's page says who held it on any day."),
                 {"cadre": "Cadre work", "posts": "Posts", "add_post": "Add a post"}),
            Step("cadre_person", gettext_lazy("A cadre's record, found in {cadres} by name (without diacritics), keeps "
                                              "what form 2C needs and {posts_held}, {discipline} and the {pool}; only "
                                              "the organization committee, the leaders of the managing committee and "
                                              "the cadre may open it, and each opening is logged. Use {correct} for a "
                                              "wrong field and {old_post} for a post from the paper file."),
                 {"cadres": "Cadres", "posts_held": "Posts held", "discipline": "Discipline", "pool": "Planning pool",
                  "correct": "Correct the record", "old_post": "Enter a post from the old file"}),
            Step("cadre_event", gettext_lazy("{new_event}: choose the event, the cadre, the post and its decision (and, "
                                             "for an appointment, each meeting in order). {check} says what it would "
                                             "change and every rule it breaks — the age rule, 24 months in post, "
                                             "discipline, a full seat — and saves nothing; {apply} writes it."),
                 {"new_event": "New personnel event", "check": "Check", "apply": "Apply"}),
            Step("cadre_vacancies", gettext_lazy("Vacancies: in {posts} tick {subtree} and {vacant}; {per_unit} counts, "
                                                 "for each unit, the {seats}, empty or held only by an acting cadre."),
                 {"posts": "Posts", "subtree": "and the units below it", "vacant": "only vacant seats (empty or acting only)",
                  "per_unit": "Vacancies per unit", "seats": "Seats not officially held"}),
            Step("cadre_staffing", gettext_lazy("{staffing} sets each unit's {headcount} against its {quota}, with the "
                                                "{surplus} and, after a merger, the path to the quota in five years; "
                                                "{enter} records the figures of a year."),
                 {"staffing": "Staffing", "headcount": "Headcount", "quota": "Staffing quota", "surplus": "Surplus",
                  "enter": "Enter a quota or a headcount"}),
            Step("cadre_planning", gettext_lazy("{pool} shows, for the committee you name, who is planned for each title "
                                                "and the shares of women (at least 25 %) and young cadres (at least "
                                                "15 %) against the targets; {put} adds a cadre (three per title, three "
                                                "titles per person at most)."),
                 {"pool": "Planning pool", "put": "Put a cadre into the pool"}),
        ),
        gettext_lazy("This needs the role of unit administrator. Preparing and applying a reorganization is for "
                     "system administrators. Cadre work is for the organization committee's staff; the lists of "
                     "leaders, appointments, rotations and vacancies are downloaded from its menu."),
    ),
    Guide(
        "reports", gettext_lazy("Reports and ratings"),
        gettext_lazy("You draft your unit's periodic reports; in the committee that receives them you follow who has "
                     "sent theirs; at the year's end the units assess themselves and the level above appraises and "
                     "decides their ratings."),
        (
            Step("regime", gettext_lazy("The receiving committee: in {reports} open {regimes} and the regime. For the "
                                        "period chosen it shows which units sent their report on time, late or not "
                                        "yet; {remind} reminds the missing ones in Mandate and by e-mail, once a day "
                                        "at most."),
                 {"reports": "Reports and ratings", "regimes": "Report regimes",
                  "remind": "Remind the units that have not sent theirs"}),
            Step("regime", gettext_lazy("The drafter: on the same page, under {draft_heading}, name the reporting unit "
                                        "and the period and press {draft}."),
                 {"draft_heading": "Draft a report", "draft": "Draft"}),
            Step("report", gettext_lazy("The figures of the draft compile themselves from the task list, the "
                                        "scorecards and the targets of the period. Write {narrative} and press {save}; "
                                        "then, under {issue}, name the signer and press {button}: the report is "
                                        "registered as a BC document, its figures kept as they stood. {word} gives "
                                        "it on official paper."),
                 {"narrative": "The narrative parts", "save": "Save", "issue": "Issue the report",
                  "button": "Issue as a registered report (BC)", "word": "Download as Word (DOCX)"}),
            Step("ratings", gettext_lazy("The year's rating: under {assess} the unit gives its {general} and leaves "
                                         "{tasks} empty, to have them prefilled from its scorecard under the "
                                         "committee's {rules}; {save} records the self-assessment."),
                 {"assess": "A self-assessment", "general": "General criteria (of 30 points)",
                  "tasks": "Task results (of 70 points)", "rules": "Rating rules", "save": "Save"}),
            Step("rating", gettext_lazy("The competent level's advisers open each self-assessment and, under "
                                        "{appraisal}, give the {points} and the level they propose."),
                 {"appraisal": "Appraisal by the competent level", "points": "Appraised points (of 100)"}),
            Step("ratings", gettext_lazy("Its leaders choose the {level} and the period, press {view}, tick the "
                                         "ratings and press {decide}. A decision that would make more than 20 % of "
                                         "those rated well fulfilled excellent is refused, naming the quota."),
                 {"level": "Competent level", "view": "View", "decide": "Decide the ratings ticked"}),
            Step("indicator_set", gettext_lazy("A province's {sets}: {give} makes each indicator a target of every "
                                               "commune; the table puts each commune against the target and the "
                                               "others. A commune's value is entered under {record}, or imported "
                                               "with {import}."),
                 {"sets": "Indicator sets", "give": "Give these indicators to every commune",
                  "record": "Record a commune's value", "import": "Import the values of indicators from a spreadsheet"}),
        ),
        gettext_lazy("Who may do each step: the writers of a unit draft and issue its reports and its self-assessment; "
                     "the writers of the receiving committee remind; the leaders of the competent level decide the "
                     "ratings and set the rating rules and the indicators."),
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
