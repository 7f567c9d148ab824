"""Tasks: the clauses that give a named body something to do."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateMention
from .deadlines import Deadline, find_deadline
from . import morphology
from .triggers import RULES, Rules, is_infinitive_like

MAX_ASSIGNEE_WORDS = 45
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|:\s*\n|\n\s*\n")
_PARAGRAPH_END = re.compile(r"[.!?:;]\s*\n|\n\s*\n")
_CLAUSE_BREAK = re.compile(
    r"(?<!\bNo)(?<!\bno)(?<!\bNr)(?<!\bDept)(?<!\bDepts)(?<!\bGovt)[.!?](?!\d)|[;:\n|]|(?<=\s)[–—](?=\s)"
)
_RELATIVE = re.compile(
    r"(?<!\w)(?:что|котор\w+|що|як(?:ий|а|е|і|у|ого|ій|их|им|ими|ому|ої)|that|which|who|whom|rằng|mà)(?!\w)", re.I
)
_CONJUNCTION_END = re.compile(r"(?<!\w)(?:и|а|і|й|та|and|but|or|và|còn|но|але)\s*$", re.I)
_TRAILING_JUNK = re.compile(
    r"(?:[\s,;:–—-]+|(?<!\w)(?:и|та|і|й|а\s+также|and|và|cùng|also|then|to|тісно|тесно|оперативно|ефективно|"
    r"эффективно|своевременно|своєчасно|незамедлительно|негайно|срочно|терміново|активно|"
    r"\w+(?:но|ьно))\s*)$",
    re.I,
)
_DATIVE = re.compile(r"\w(?:ам|ям|ому|ему|ові|еві|ым|им|ій|ой|ей|у|ю)(?!\w)", re.I)
_NEEDS_DATIVE = re.compile(r"^(?:необходимо|необхідно|потрібно|следует|слід|надлежит|предстоит|належить)$", re.I)
# "Контроль за исполнением … возложить на …": who oversees the decree, not a task
_OVERSIGHT = re.compile(r"(?<!\w)(?:контрол\w*|общее\s+руководство|загальне\s+керівництво)(?!\w)", re.I)
_LEADING_LIMIT = re.compile(
    r"\s*(?:в\s+срок\s+|у\s+термін\s+)?до\s+\d{1,2}(?:[:.]\d{2}(?:[:.]\d{2,4})?|\s+[^\W\d]+(?:\s+\d{4}(?:\s*(?:года|року|г\.|р\.))?)?)(?=[\s,])",
    re.I,
)
# Passive assignments whose addressee comes before: "ООО «…» дано поручение …", "Комунальному підприємству доручено …"
_PASSIVE_TRIGGER = re.compile(
    r"^(?:поручено|доручено|поручается|доручається|(?:дано|даны|надано|надані|дані)\s+.+|предложено|запропоновано|рекомендовано|наказано|велено|"
    r"поручили|доручили)$", re.I
)
_RECOMMEND = re.compile(r"^рекоменд(?:овать|увати|ую|уємо)$", re.I)
_ITEM_START = re.compile(r"(?:^|\n|[:.;]\s)[ \t]*(?:[-–•]|\(?\d{1,2}(?:\.\d{1,2})*[.)])?[ \t]*$")
_PLACES_ON = re.compile(r"^(?:поклад\w*|возлож\w*)\s+на$", re.I)
# An English subject after what was said or after another modal clause joined by "and":
# "the CM said a separate portal should be developed and the departments should …" → "the departments"
_EN_SUBJECT_AFTER = re.compile(
    r"(?:\b(?:said|says|noted|stated|added|stressed|emphasi[sz]ed|announced)(?:\s+that)?|\b(?:should|must|shall|will|would)\b.*\band)\s+",
    re.I,
)
_EN_WILL_BE_STATE = re.compile(r"will\s+(?:not\b|be\s+(?!responsible|in\s+charge|tasked|assigned|required|asked))", re.I)
# "the ministries that have not utilized their funds, are required to …": the relative clause belongs to the subject
_EN_RELATIVE_CLAUSE = re.compile(r"\s*(?:have|has|had|are|is|was|were|do|does|did)\b[^,]*,\s*$", re.I)
_EN_PERSON = re.compile(r"(?:[A-Z][a-z]+\s?){1,3}")
# A relative or concessive clause inside a dative lead: "Руководителям предприятий …, независимо от …, которые …, выполнить"
_RU_LEAD_CLAUSE = re.compile(r",\s+(?:котор\w+|які|який|яка|яке|що|независимо|незалежно)(?!\w)", re.I)
_VI_START_WORDS = {
    "các", "những", "mọi", "tất", "toàn", "mỗi", "cho", "cấp", "đảng", "chi", "ban", "sở", "bộ", "ủy", "uỷ",
    "ubnd", "cơ", "đơn", "địa", "ngành", "thủ", "giám", "chủ", "trưởng", "người", "lãnh", "cán", "đồng",
    "hội", "phòng", "văn", "công", "thanh", "trung",
}
_ONLY = re.compile(r"^(?:лише|лишь|только|тільки|only|chỉ)\s+", re.I)
_EN_TO = re.compile(r"\s*,?\s+to\s", re.I)
# "… chủ trì cuộc họp": chairing a meeting, not leading a task.
_CHAIRS_A_MEETING = re.compile(
    r"\s+(?:cuộc\s+họp|hội\s+nghị|buổi\s+(?:làm\s+việc|họp|tiếp|gặp)|phiên\s+(?:họp|thảo\s+luận)|kỳ\s+họp|lễ|"
    r"buổi\s+lễ|tọa\s+đàm|toạ\s+đàm|hội\s+thảo|đoàn)(?!\w)",
    re.I,
)
_ASSIGNMENT_NOUN = re.compile(
    r"^(?:\w+\s+)?(?:доручен\w*|поручени\w*|завданн\w*|задани\w*|рішенн\w*|решени\w*|(?:the\s+)?(?:instructions?|directions?|orders?|tasks?))(?!\w)",
    re.I,
)
_VERBAL_NOUN = re.compile(r"^\w+(?:ння|ття|ние|тие)$", re.I)
_NOUN_TRIGGER = re.compile(r"(?:поручени|задани|доручення)", re.I)
_VI_EXTRA_STOPS = re.compile(r"(?:để|nhằm|căn\s+cứ|về\s+việc|trong\s+(?:thời\s+hạn|vòng)|trước\s+ngày)(?!\w)", re.I)


_BULLET = re.compile(r"[ \t]*(?:[-–—+•*·▪]|\(?(?:\d{1,2}\.)*\d{1,2}[.)]|\(?[a-zđ]\))[ \t]*(?=\S)")
_VI_NAME_HEAD = re.compile(r"(?<!\w)(?:ban|ủy\s+ban|uỷ\s+ban|ubkt|tổ|đoàn|hội\s+đồng)\s+$", re.I)
_VI_NAME_PART = re.compile(
    r"(?:kiểm\s+tra|chỉ\s+đạo|tổ\s+chức|giám\s+sát|quản\s+lý|thường\s+vụ|tuyên\s+giáo|dân\s+vận|nội\s+chính|"
    r"thi\s+đua|công\s+tác|kinh\s+tế|pháp\s+chế|văn\s+hóa|văn\s+hoá|dân\s+tộc|an\s+toàn)(?!\w)",
    re.I,
)
# A subject that announces a list ("Các cơ quan sau đây chịu trách nhiệm:") is a lead-in, not a task.
_LEAD_IN_SUBJECT = re.compile(r"(?<!\w)(?:sau\s+đây|dưới\s+đây|như\s+sau|following|нижеследующ\w*|наступн\w*)(?!\w)", re.I)


@dataclass
class TaskDraft:
    start: int  # where the clause starts (trigger or subject)
    assignee_start: int
    assignee_end: int
    assignee: str
    implicit: bool = False
    trigger_end: int = 0
    end: int = 0
    coordinators: list[str] = field(default_factory=list)
    action: str = ""
    deadline: Deadline | None = None
    generic: bool = False


def extract_tasks(text: str, language: str, default_year: int | None, dates: list[DateMention]) -> list[TaskDraft]:
    rules = RULES[language]
    drafts = _subject_tasks(text, rules, language) + _object_tasks(text, rules, language)
    drafts = [d for d in drafts if not _LEAD_IN_SUBJECT.search(d.assignee)]
    drafts = _drop_overlaps(sorted(drafts, key=lambda d: d.assignee_start))
    drafts = _drop_overlaps(sorted(drafts + _unit_tasks(text, rules, language, drafts), key=lambda d: d.assignee_start))
    drafts = _drop_overlaps(sorted(drafts + _coordinated(text, rules, language, drafts), key=lambda d: d.assignee_start))
    drafts.sort(key=lambda d: d.start)
    for index, draft in enumerate(drafts):
        next_start = drafts[index + 1].start if index + 1 < len(drafts) else len(text)
        paragraph = _PARAGRAPH_END.search(text, draft.assignee_end)
        draft.end = min(next_start, paragraph.end() if paragraph else len(text))
        draft.end = max(draft.end, draft.assignee_end)
        _fill(draft, text, rules, language, default_year, dates)
        if draft.deadline is None:
            draft.deadline = _deadline_after(text, draft.end, next_start, language, default_year, dates)
    return drafts


# A sentence after the task's paragraph that gives its limit: "Срок окончания работ 1 августа 2000 года.",
# "Термін виконання – до 1 липня.", "Thời hạn hoàn thành: 30/6", "Deadline: …", or one that refers back to the
# assignment ("Відповідні доручення міністерства мають виконати до 1 жовтня", "The task must be completed by …").
_LIMIT_SENTENCE = re.compile(
    r"[ \t]*(?:[-–•]\s*)?(?:срок\w*|строк\w*|термін\w*|thời\s+hạn|hạn\s+chót|deadline|time\s+limit|the\s+deadline)(?!\w)", re.I
)
_ASSIGNMENT_WORDS = r"(?:поручени\w*|задани\w*|доручен\w*|завданн\w*|instructions?|directions?|directives?|tasks?|orders?|work)"
_REFERS_BACK = re.compile(
    rf"(?<!\w)(?:(?:відповідн\w*|ці|це|цього|дан\w+|эт\w+|указанн\w*|зазначен\w*|these|this|the\s+said|such)\s+{_ASSIGNMENT_WORDS}"
    rf"|{_ASSIGNMENT_WORDS}\s+(?:\w+\s+){{0,2}}(?:(?:мають|має|должн\w*|повинн\w*|must|should|is\s+to|are\s+to)\s+)?"
    r"(?:викона\w*|выполн\w*|исполн\w*|(?:be\s+)?(?:completed|carried\s+out|implemented|done))"
    r"|nhiệm\s+vụ\s+(?:này|trên))(?!\w)",
    re.I,
)


def _deadline_after(text: str, position: int, limit: int, language: str, default_year: int | None,
                    dates: list[DateMention]) -> Deadline | None:
    """The limit of a task given in the next sentence or line, before any other task begins."""
    for _ in range(2):
        if position >= limit:
            return None
        sentence = _SENTENCE_END.search(text, position, limit)
        end = sentence.end() if sentence else limit
        piece = text[position:end]
        labelled = _LIMIT_SENTENCE.match(piece.lstrip("\n "))
        if piece.strip() and (labelled or _REFERS_BACK.search(piece)):
            found = find_deadline(text, position, end, language, default_year, dates)
            if found is not None:
                return found
            if labelled:  # "Срок окончания работ 1 августа 2000 года": the limit's noun is its cue
                day = next((d for d in dates if d.day and position <= d.start and d.end <= end), None)
                if day is not None:
                    start = position + len(piece) - len(piece.lstrip("\n "))
                    return Deadline(day.day, text[start:day.end].strip(), start, day.end)
        position = end
    return None


def _object_tasks(text: str, rules: Rules, language: str) -> list[TaskDraft]:
    drafts = []
    for trigger in rules.object_triggers.finditer(text):
        before = text[max(0, trigger.start() - 25):trigger.start()]
        if rules.noun_use_before.search(before):
            continue
        if _PLACES_ON.match(trigger.group(0)) and _oversight_before(text, trigger.start()):
            continue
        if _RECOMMEND.match(trigger.group(0)) and not _ITEM_START.search(text, max(0, trigger.start() - 12), trigger.start()):
            continue  # "предложить и рекомендовать решения": a verb in a list, not the decree's "Рекомендовать главам …"
        span = _forward_assignee(text, trigger.end(), rules, language)
        if span is not None and language in ("ru", "uk") and _NOUN_TRIGGER.match(trigger.group(0)):
            first = text[span[0]:span[1]].split()[0].lower().strip(",;:«»\"()")
            if not _dative(first, language):
                continue  # "поручением премьер-министра": the noun's owner, not its addressee
        if span is None:
            following = _WORD.match(text, trigger.end() + 1) if trigger.end() < len(text) else None
            if language in ("ru", "uk") and (_PASSIVE_TRIGGER.match(trigger.group(0))
                                             or following and is_infinitive_like(following.group(0).strip(",;."), language)):
                # "Политбюро поручает руководить": the subject leads
                draft = _subject_draft(text, trigger.start(), rules, language, trigger.group(0))
                if draft:
                    draft.trigger_end = trigger.end()
                    drafts.append(draft)
            continue
        if language == "en" and not trigger.group(0).lower().endswith(("that", "from")) and not _EN_TO.match(text, span[1]):
            continue  # "tasks X to do": without "to" the word is a noun ("especially tasks ensuring …")
        if language == "en" and trigger.group(0).lower().endswith(("that", "from")):
            span = (span[0], _en_noun_phrase_end(text, span[0], span[1], rules))
        drafts.append(TaskDraft(trigger.start(), span[0], span[1], text[span[0]:span[1]], trigger_end=trigger.end()))
    return drafts


_EN_NP_LINK = {"of", "and", "the", "for", "concerned", "in", "at", "on", "all", "under", "its", "their", "various",
               "respective", "district", "state", "local", "municipal", "senior", "relevant", "other"}


def _en_noun_phrase_end(text: str, start: int, end: int, rules: Rules) -> int:
    """Where the subject of "directed that X submit …" ends: at the first lower-case word after a body's name that
    does not go on with it ("of", "and", "concerned" do)."""
    seen_body = False
    for match in _WORD.finditer(text, start, end):
        bare = match.group(0).strip(",;:()\"“”")
        if seen_body and bare[:1].islower() and bare.lower() not in _EN_NP_LINK and not rules.organization.fullmatch(bare):
            return _trim(text, start, match.start())
        if rules.organization.fullmatch(bare) or bare[:1].isupper():
            seen_body = True
    return end


def _oversight_before(text: str, position: int) -> bool:
    breaks = list(_CLAUSE_BREAK.finditer(text, max(0, position - 200), position))
    clause_start = breaks[-1].end() if breaks else max(0, position - 200)
    return bool(_OVERSIGHT.search(text, clause_start, position))


def _forward_assignee(text: str, position: int, rules: Rules, language: str) -> tuple[int, int] | None:
    if language in ("ru", "uk") and (limit := _LEADING_LIMIT.match(text, position)):
        position = limit.end()  # "дал поручение до 16:00 всем председателям ОГА создать …"
    words = list(_words_from(text, position))
    if not words or not _can_start(words[0][2], language, rules):
        return None
    start, end = words[0][0], words[0][0]
    for index, (w_start, w_end, word) in enumerate(words):
        if index >= MAX_ASSIGNEE_WORDS or _stops(text, w_start, word, rules, language):
            break
        if text.find("\n\n", end, w_start) != -1:
            break
        end = w_end
        if re.search(r"[.!?:]$", word) and not _abbreviation(word):
            end -= 1
            break
    end = _trim(text, start, end)
    assignee = text[start:end]
    if end <= start or rules.first_person.match(_ONLY.sub("", assignee)):
        return None
    if language in ("ru", "uk") and rules.pronoun.match(assignee):
        return None  # "призвал их ускорить": the Russian and Ukrainian labels leave pronouns out
    if not (rules.organization.search(assignee) or rules.pronoun.match(assignee)
            or (language == "en" and _EN_PERSON.fullmatch(assignee) and _EN_TO.match(text, end))):
        return None  # a body, an office, or (in English) a person named before "to": "asked Darrang to …"
    return start, end


def _words_from(text: str, position: int):
    for match in _WORD.finditer(text, position, min(len(text), position + 600)):
        yield match.start(), match.end(), match.group(0)


def _can_start(word: str, language: str, rules: Rules) -> bool:
    bare = word.strip("«»\"'“”(,")
    if not bare:
        return False
    if language == "vi":
        return bare[0].isupper() or bare.lower() in _VI_START_WORDS
    if language in ("ru", "uk"):
        return not is_infinitive_like(bare, language) and not rules.stop.match(bare)
    return not rules.stop.match(bare) and bare.lower() not in ("that", "to", "by", "the following")


def _stops(text: str, position: int, word: str, rules: Rules, language: str) -> bool:
    bare = word.strip("«»\"'“”(),;")
    if rules.coordinator_markers.match(text, position) or (language != "vi" and _RELATIVE.match(text, position)):
        return True
    if language == "vi":
        if _VI_NAME_HEAD.search(text, max(0, position - 12), position) and _VI_NAME_PART.match(text, position):
            return False  # "Ủy ban kiểm tra", "Ban chỉ đạo", "Ban tổ chức": part of the body's name
        return bare[:1].islower() and bool(rules.stop.match(text, position) or _VI_EXTRA_STOPS.match(text, position))
    if language in ("ru", "uk"):
        return bool(bare[:1].islower() and is_infinitive_like(bare, language)) or bool(rules.stop.match(text, position))
    return bool(rules.stop.match(text, position)) and bare[:1].islower()


def _abbreviation(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-ZĐА-Я]\.|No\.|TP\.|St\.|Mr\.|Ms\.|г\.|им\.)", word))


def _trim(text: str, start: int, end: int) -> int:
    while end > start:
        match = _TRAILING_JUNK.search(text, start, end)
        if not match or match.start() == match.end():
            break
        end = match.start()
    return end


def _subject_tasks(text: str, rules: Rules, language: str) -> list[TaskDraft]:
    drafts = []
    for trigger in rules.subject_triggers.finditer(text):
        if _CHAIRS_A_MEETING.match(text, trigger.end()):
            continue
        if language == "en" and _EN_WILL_BE_STATE.match(text, trigger.start()):
            continue  # "the minister will be on duty": a state, not a task
        draft = _subject_draft(text, trigger.start(), rules, language, trigger.group(0))
        if draft:
            draft.trigger_end = trigger.end()
            drafts.append(draft)
    return drafts


def _subject_draft(text: str, trigger_start: int, rules: Rules, language: str, trigger: str) -> TaskDraft | None:
    before = text[max(0, trigger_start - 300):trigger_start]
    if _CONJUNCTION_END.search(before):
        return None  # "…, и должен …": the subject is the previous clause's
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause_start = breaks[-1].end() if breaks else 0
    offset = trigger_start - len(before)
    relatives = list(_RELATIVE.finditer(before, clause_start))
    if relatives and not (language == "en" and _EN_RELATIVE_CLAUSE.match(before, relatives[-1].end())):
        clause_start = relatives[-1].end()
    clause = before[clause_start:]
    stripped = clause.lstrip(" ,\t\n\"«“")
    if bullet := _BULLET.match(stripped):
        stripped = stripped[bullet.end():]
    while (intro := rules.intro.match(stripped)) and intro.end():
        stripped = stripped[intro.end():]
    stripped = _without_lead_in(stripped, rules)
    if language == "en" and (said := list(_EN_SUBJECT_AFTER.finditer(stripped))):
        stripped = stripped[said[-1].end():]
    if language == "en" and ")" in stripped:
        stripped = stripped.rsplit(")", 1)[1].lstrip(" ,")  # "Every Monday (or if it is a holiday, …) the secretary shall"
    start = offset + len(before) - len(stripped)
    end = _trim(text, start, trigger_start)
    subject = text[start:end]
    if not _acceptable_subject(subject, rules, language, trigger):
        if language not in ("ru", "uk") or rules.first_person.match(subject.strip()) or rules.pronoun.match(subject.strip()) \
                or _ASSIGNMENT_NOUN.match(subject.strip()):
            return None  # "одне агентство повинно …": a statement of principle
        if (start := _nominative_tail(text, offset + clause_start, end, rules, language)) is None:
            return None
        end = _trim(text, start, trigger_start)
        subject = text[start:end]
        if not _acceptable_subject(subject, rules, language, trigger):
            return None
    return TaskDraft(start, start, end, subject, implicit=bool(rules.pronoun.match(subject)))


def _nominative_tail(text: str, start: int, end: int, rules: Rules, language: str) -> int | None:
    """Where the noun phrase in the nominative right before a modal starts, when the clause opens with something
    else: "Для ухвалення урядом рішення місцева влада має гарантувати …" → "місцева влада". The run of words
    that can be nominative or genitive before the modal; in it, the first body in the nominative, with the
    adjectives in front of it."""
    run = []
    for match in reversed(list(_WORD.finditer(text, start, end))):
        word = match.group(0).strip(",«»\"()")
        if word.lower() in ("и", "і", "й", "та"):
            run.append((match.start(), word, frozenset()))
            continue
        cases = morphology.noun_phrase_case(word, language)
        if cases is None and word[:1].isupper():
            run.append((match.start(), word, frozenset({"name"})))  # a name the dictionary does not know
            continue
        if not cases or not cases & {"nomn", "gent"} or match.group(0).endswith(","):
            break
        run.append((match.start(), word, cases))
    run.reverse()
    for index, (_position, word, cases) in enumerate(run):
        if "nomn" in cases and rules.organization.fullmatch(word) and not _VERBAL_NOUN.match(word):
            while index and morphology.is_adjective(run[index - 1][1], language):
                index -= 1
            head = run[index][0]
            return head if head > start else None
    return None


def _without_lead_in(clause: str, rules: Rules) -> str:
    """"Under Decision No. 5 dated March 5, 2025, localities" → "localities"."""
    if not rules.lead_in.match(clause):
        return clause
    rest = clause
    while "," in rest:
        rest = rest.split(",", 1)[1].lstrip()
        if not re.match(r"\d", rest):
            return rest
    return ""


def _acceptable_subject(subject: str, rules: Rules, language: str, trigger: str) -> bool:
    # An execution clause names every office in one subject ("Chánh Văn phòng …, Giám đốc các sở, …").
    longest = (400, 60) if language == "vi" else (220, 30)
    if not subject or len(subject) > longest[0] or len(subject.split()) > longest[1]:
        return False
    if language in ("ru", "uk") and _VERBAL_NOUN.match(subject.split()[0]) and not rules.organization.fullmatch(subject.split()[0]):
        return False  # "Упорядкування апарату має здійснюватися": what must happen, not who does it
    if rules.first_person.match(subject) or rules.object_triggers.search(subject):
        return False
    if _ASSIGNMENT_NOUN.match(subject):
        return False  # "Відповідні доручення міністерства мають виконати до …": the assignment, not a body
    if rules.pronoun.match(subject):
        # English labels carry "They should …" over from the previous sentence; the
        # Russian and Ukrainian labels leave "Им необходимо" out.
        return language == "en"
    if not rules.organization.search(subject):
        return False
    if language in ("ru", "uk") and _NEEDS_DATIVE.match(trigger) and not _DATIVE.search(subject):
        return False
    if language == "vi":
        first = subject.split()[0]
        return first[0].isupper() or first.lower() in _VI_START_WORDS
    if language in ("ru", "uk"):
        return not any(is_infinitive_like(w.strip(",;"), language) for w in subject.split())
    head = re.split(r"(?<!\w)(?:that|which|who)(?!\w)", subject, maxsplit=1)[0]
    return not re.search(r"(?<!\w)(?:is|are|was|were|has|have|had|said|says|noted|stated)(?!\w)", head, re.I)


def _drop_overlaps(drafts: list[TaskDraft]) -> list[TaskDraft]:
    kept: list[TaskDraft] = []
    for draft in drafts:
        if any(draft.assignee_start < k.assignee_end and k.assignee_start < draft.assignee_end for k in kept):
            continue
        if any(k.assignee_end <= draft.start < k.assignee_end + 2 and draft.start != draft.assignee_start for k in kept):
            continue
        kept.append(draft)
    return kept


def _fill(draft: TaskDraft, text: str, rules: Rules, language: str, default_year: int | None,
          dates: list[DateMention]) -> None:
    draft.coordinators = _coordinators(text, draft, rules, language)
    action_start = max(draft.assignee_end, draft.trigger_end)  # after "должен", "should"
    sentence = _SENTENCE_END.search(text, action_start, draft.end)
    action = text[action_start:sentence.start() if sentence else draft.end]
    draft.action = re.sub(r"\s+", " ", action).strip(" ,;:-–")[:300]
    draft.deadline = find_deadline(text, draft.assignee_end, draft.end, language, default_year, dates)
    draft.generic = bool(rules.generic.search(draft.assignee)) and not _specific(draft.assignee)


def _coordinators(text: str, draft: TaskDraft, rules: Rules, language: str) -> list[str]:
    found = []
    for marker in rules.coordinator_markers.finditer(text, draft.assignee_end, draft.end):
        words = list(_words_from(text, marker.end()))
        start = words[0][0] if words else marker.end()
        end = start
        for index, (w_start, w_end, word) in enumerate(words):
            if index and _stops(text, w_start, word, rules, language) or index >= 30:
                break
            end = w_end
            if re.search(r"[.!?:;]$", word):
                end -= 1
                break
        end = _trim(text, start, end)
        if end > start:
            found.extend(_split_bodies(text[start:end], language))
    return found


def _split_bodies(phrase: str, language: str) -> list[str]:
    if language in ("ru", "uk"):
        parts = re.split(r",\s*|\s+(?:и|та|і|й)\s+", phrase)
    else:
        parts = re.split(r";\s*", phrase)
    return [p.strip() for p in parts if p.strip()]


def _specific(assignee: str) -> bool:
    """A named body ("Sở Y tế", "Ministry of Finance") makes a task specific, even in a list."""
    return bool(re.search(
        r"(?:\bSở\s+[A-ZĐ]|\bBộ\s+[A-ZĐ]|Ministry\s+of|Bank\s+of|Департамент\w*\s+[а-яіє]|"
        r"Министерств\w*\s+[а-я]|Міністерств\w*\s+[а-яі])",
        assignee,
    ))


# Units of a text: lines, sentences, the items of a series (";") and lead-ins (":").  A full stop after
# a one- or two-digit number ("3.1.", "Điều 2.") or an initial ("О. А.") does not end a unit; one after a
# year ("30/6/2026.") does.
_UNIT_END = re.compile(r"\n|(?<![\s(][A-ZА-ЯЁІЇЄҐĐ])(?:(?<!\d)|(?<=\d{4}))[.!?](?=\s)|;(?=\s)|:(?=\s)")
_LEAD_WORDS = re.compile(
    r"(?<!\w)(?:như\s+sau|sau\s+đây|nhiệm\s+vụ|có\s+ý\s+kiến|kết\s+luận|as\s+follows|following|следующ\w*|наступн\w*|"
    r"постановля\w*|наказую|приказываю)(?!\w)",
    re.I,
)
_NOT_TASK_START = re.compile(
    r"(?:kính\s+gửi|nơi\s+nhận|căn\s+cứ|thực\s+hiện|theo\s+đề\s+nghị|xét\s+đề\s+nghị|t/m|tm\.|kt\.|tl\.|q\.)", re.I
)
# Words that make a Vietnamese clause a report of what happened, not an assignment ("Sở Y tế đã tổ chức").
_VI_NOT_NAME = re.compile(
    r"(?<!\w)(?:đã|vừa|đang|sẽ|được|bị|là|cho\s+biết|nhận\s+được|đều|chưa|không|tại|vào|ngày|năm|sáng|chiều|tối)(?!\w)",
    re.I,
)
# A time limit in the clause marks an assignment even without an assigning word ("X gửi báo cáo trước ngày 30/6").
_VI_DEADLINE_CUE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|không\s+quá|hạn\s+chót)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}|"
    r"(?:trong|hoàn\s+thành\s+trong)\s+(?:quý\s+[IV\d]|tháng\s+\d)",
    re.I,
)
_VI_QUANTIFIER = re.compile(r"^(?:các|những|mọi|toàn\s+thể|mỗi|từng)\s+", re.I)
_RU_FINITE = re.compile(r"(?:ется|ются|ится|ятся|ється|ються|иться|мо|но)$")
_RU_PREPOSITIONS = {"в", "во", "на", "с", "со", "по", "для", "у", "к", "о", "об", "при", "за", "из", "от", "до", "з", "із", "про"}
_DATIVE_END = re.compile(r"(?:ам|ям|ому|ему|ові|еві|ым|им|ій|ой|ей|у|ю|[^\Wаеиоуяюєїіы]і|ії)$", re.I)


def _units(text: str):
    start = 0
    for match in _UNIT_END.finditer(text):
        if match.group(0) == "\n" and _wrapped(text, match.end()):
            continue  # a hard-wrapped line ("xã,\nphường, thị trấn") goes on
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _wrapped(text: str, position: int) -> bool:
    rest = text[position:position + 40].lstrip(" \t")
    return bool(rest) and rest[0].islower()


def _unit_tasks(text: str, rules: Rules, language: str, drafts: list[TaskDraft]) -> list[TaskDraft]:
    """Tasks that no assigning word introduces: the items and sentences of an assignment.

    * a clause that opens with a body and goes on with its action ("Sở Tài chính bố trí kinh phí …")
      right after an assignment or a lead-in ("Chủ tịch UBND tỉnh giao:"), or with a time limit of its own;
    * in Russian and Ukrainian, a clause that opens with a body in the dative and an infinitive
      ("Департаменту строительства обеспечить …"), the form of decrees;
    * a heading that names the lead ("3. Sở Tài chính:", "2. Финансовому управлению:"): one task per
      item under it.
    """
    found: list[TaskDraft] = []
    context = listing = False
    heading: tuple[int, int, str] | None = None
    heading_items = 0
    for start, end in _units(text):
        unit = text[start:end]
        if not unit.strip():
            continue
        start += len(unit) - len(unit.lstrip())
        bullet = _BULLET.match(text, start, end)
        body = bullet.end() if bullet else start
        if heading is not None:
            if bullet and _continues(text, body, end, rules, language):
                found.append(TaskDraft(body, body, body, heading[2], trigger_end=body))
                heading_items += 1
                continue
            if not heading_items:
                found.append(TaskDraft(heading[0], heading[0], heading[1], heading[2]))
            heading = None
        if any(start <= d.assignee_start < end or start <= d.start < end for d in drafts):
            context = True
            continue
        stripped = text[body:end].strip()
        if stripped.endswith(":"):
            if rules.object_triggers.search(stripped) or rules.subject_triggers.search(stripped) or _LEAD_WORDS.search(stripped):
                context = listing = not _NOT_TASK_START.match(stripped)
                continue
            heading = _heading(text, body, end, rules, language) if bullet else None
            if heading:
                heading_items = 0
                continue
        if _NOT_TASK_START.match(stripped):
            context = listing = False
            continue
        # "Sở X đôn đốc các sở; UBND các huyện …": after a semicolon on the same line a body is the
        # object of the verb before it, unless a lead-in ("yêu cầu:") opened a series.
        after_semicolon = not bullet and text[:start].rstrip(" \t").endswith(";")
        draft = _led_draft(text, body, end, rules, language, context and (listing or not after_semicolon),
                           listing=context and listing)
        if draft:
            found.append(draft)
            context = True
        elif stripped[:1].isupper() and len(stripped.split()) >= 3 and not rules.object_triggers.search(stripped):
            context = listing = False
    if heading is not None and not heading_items:
        found.append(TaskDraft(heading[0], heading[0], heading[1], heading[2]))
    return found


def _led_draft(text: str, position: int, end: int, rules: Rules, language: str, context: bool,
               listing: bool = False) -> TaskDraft | None:
    if intro := rules.intro.match(text[position:end]):
        position += intro.end()
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, position, end)][:40]
    if len(words) < 2 or not _can_start(words[0][1], language, rules):
        return None
    if language == "vi":
        if not (context or _VI_DEADLINE_CUE.search(text, position, end)):
            return None
        cut = next((w_start for index, (w_start, word) in enumerate(words)
                    if index and _stops(text, w_start, word, rules, language)), None)
    elif language in ("ru", "uk"):
        first = words[0][1].strip("«\"(").lower()
        if first in _RU_PREPOSITIONS or _RELATIVE.fullmatch(first):
            return None  # "…, які були висловлені …": a relative clause, not a dative lead
        if not _dative(first, language):
            # only in the items of a lead-in ("Голова доручив: - Відділ освіти підготує …"): after a plain sentence
            # a body with a verb in the present tells what it does ("Районные администрации проводят проверки")
            return _subject_clause(text, position, words, rules, language) if listing else None
        cut = next((w_start for index, (w_start, word) in enumerate(words)
                    if index and word[:1].islower() and is_infinitive_like(word.strip(",;:."), language)), None)
        if cut is not None and (marker := rules.coordinator_markers.search(text, position, cut)):
            cut = marker.start()  # "Министерству … совместно с органами … обеспечить": the lead ends at the partners
        if cut is not None and (limit := _time_limit_before(text, position, cut, rules)) is not None:
            cut = limit  # "Министерству финансов в течение месяца представить": the lead ends at its time limit
        if cut is not None and (clause := _RU_LEAD_CLAUSE.search(text, position, cut)):
            cut = clause.start()  # "Руководителям предприятий района, независимо от …, которые являются …, выполнить"
    else:
        return None
    if cut is None or re.search(r"[.!?:]\s", text[position:cut]):
        return None
    if language == "vi" and (apposition := re.search(r"\s[-–—]\s", text[position:cut])):
        cut = position + apposition.start()  # "Sở Kế hoạch và Đầu tư - cơ quan thường trực …"
    elif language in ("ru", "uk") and any(_RU_FINITE.search(w) for w in text[position:cut].split()):
        return None  # "членам комитета рекомендуется обсудить": a recommendation in the passive
    assignee_end = _trim(text, position, cut)
    assignee = text[position:assignee_end]
    if not _names_a_body(assignee, rules, language):
        return None
    return TaskDraft(position, position, assignee_end, assignee)


def _dative(word: str, language: str) -> bool:
    """Can the word open a lead in the dative ("Департаменту", "Обласним", "Старості")? The dictionary says when
    it knows the word, the endings otherwise."""
    known = morphology.can_be_dative(word, language)
    return bool(_DATIVE_END.search(word)) if known is None else known


def _subject_clause(text: str, position: int, words: list[tuple[int, str]], rules: Rules,
                    language: str) -> TaskDraft | None:
    """After an assignment or a lead-in, a clause whose subject names a body and whose verb is in the present or
    the future: "Відділ освіти забезпечує …", "Члены комитета принимают участие …", "Управление проведет …"."""
    for index, (w_start, word) in enumerate(words[1:12], start=1):
        bare = word.strip(",;:.«»\"()")
        if not bare or not bare[:1].islower():
            continue
        if morphology.is_present_finite(bare, language):
            assignee_end = _trim(text, position, w_start)
            assignee = text[position:assignee_end]
            if re.search(r"[,.!?:;]", assignee) or _ASSIGNMENT_NOUN.match(assignee) or not _names_a_body(assignee, rules, language):
                return None
            if morphology.can_be_dative(words[0][1].strip("«\"("), language) is None:
                return None  # the subject's head is not a word the dictionary knows
            return TaskDraft(position, position, assignee_end, assignee)
        if is_infinitive_like(bare, language) or morphology.is_present_finite(bare, language) is None and index > 6:
            return None
    return None


def _time_limit_before(text: str, position: int, cut: int, rules: Rules) -> int | None:
    """Where a time limit or a recurrence between a dative lead and its infinitive starts, if one does."""
    for match in _WORD.finditer(text, position, cut):
        if match.start() > position and rules.stop.match(text, match.start()):
            return match.start()
    return None


def _names_a_body(assignee: str, rules: Rules, language: str) -> bool:
    if not assignee or len(assignee.split()) > 30 or rules.first_person.match(assignee):
        return False
    if language == "vi":
        if _VI_NOT_NAME.search(assignee):
            return False
        return bool(rules.organization.match(_VI_QUANTIFIER.sub("", assignee)) or re.match(r"[A-ZĐ]{2,}", assignee))
    return bool(rules.organization.search(assignee)) and not any(
        is_infinitive_like(w.strip(",;"), language) for w in assignee.split()
    )


def _heading(text: str, position: int, end: int, rules: Rules, language: str) -> tuple[int, int, str] | None:
    """ "3. Sở Tài chính:" or "2. Финансовому управлению (Иванова О. А.):" — the lead of the items below."""
    if language == "en":
        return None
    phrase = re.sub(r"\s*\([^)]*\)\s*$", "", text[position:end].strip().rstrip(":").rstrip())
    words = phrase.split()
    if not words or len(words) > 30 or not _names_a_body(phrase, rules, language):
        return None
    if language == "vi":
        if not _can_start(words[0], language, rules) or any(
            _stops(text, m.start(), m.group(0), rules, language) for m in _WORD.finditer(text, position, position + len(phrase))
        ):
            return None
    elif not _dative(words[0].lower(), language):
        return None
    return position, position + len(phrase), phrase


def _continues(text: str, position: int, end: int, rules: Rules, language: str) -> bool:
    """An item under a heading starts with the action: "- chủ trì …", "3.1. Осуществлять …"."""
    word = _WORD.match(text, position, end)
    if not word:
        return False
    if language == "vi":
        return word.group(0)[:1].islower() or bool(rules.stop.match(text[position:position + 30].lower()))
    # "5.1. под личную ответственность обеспечить …": an item that goes on in lower case continues the heading
    return is_infinitive_like(word.group(0).strip(",;:."), language) or word.group(0)[:1].islower()


_CONJOINED = {
    "ru": re.compile(r",\s+(?:а\s+)?(?=\w)"),  # "и", "та" join the parts of one body's name too often
    "uk": re.compile(r",\s+(?:а\s+)?(?=\w)"),
    "en": re.compile(r"(?:,\s+(?:and\s+)?|\s+and\s+)(?=\w)"),
}


def _coordinated(text: str, rules: Rules, language: str, drafts: list[TaskDraft]) -> list[TaskDraft]:
    """One assigning verb, several bodies each with its own action:
    "asked the MoF to allocate rice, and the MOLISA to check the lists";
    "поручил Минфину подготовить проект, а Минэкономразвития – представить отчет"."""
    conjunction = _CONJOINED.get(language)
    if conjunction is None:
        return []
    found = []
    for draft in drafts:
        if not draft.trigger_end or draft.start == draft.assignee_start:
            continue  # only the object shape: the verb governs the bodies that follow
        sentence = _SENTENCE_END.search(text, draft.assignee_end)
        limit = sentence.start() if sentence else len(text)
        for match in conjunction.finditer(text, draft.assignee_end, limit):
            extra = _conjoined_body(text, match.end(), limit, rules, language)
            if extra is not None:
                found.append(extra)
    return found


def _conjoined_body(text: str, position: int, limit: int, rules: Rules, language: str) -> TaskDraft | None:
    if language in ("ru", "uk"):
        first = text[position:limit].split(maxsplit=1)[0] if text[position:limit].strip() else ""
        if first[:1].islower() and not rules.organization.match(first):
            return None  # "сосредоточиться на рассмотрении, оценке и …": the verb's objects, not another body
        return _led_draft(text, position, limit, rules, language, False)
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, position, limit)][:12]
    cut = next((start for start, _, word in words if word == "to"), None)
    if cut is None or cut == position or not (words[0][2] == "the" or words[0][2][:1].isupper()):
        return None  # "… and coordinate with ministries to …" is the same body's second action
    end = _trim(text, position, cut)
    assignee = text[position:end]
    if rules.first_person.match(assignee) or not rules.organization.search(assignee) or re.search(r"[,;]", assignee):
        return None
    return TaskDraft(position, position, end, assignee)
