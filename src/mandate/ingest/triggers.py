"""Per-language words that assign a task, and the words that end an assignee.

Two shapes of clause carry a task:

* object triggers — the assigning verb comes first and the assignee follows it
  ("giao Sở Nội vụ …", "поручить Оргкомитету …", "доручив Департаменту …",
  "assigned the Ministry … to");
* subject triggers — the assignee is the clause's subject and a modal or a passive
  follows it ("Sở Y tế chủ trì …", "Комитет должен …", "X повинні …",
  "The Ministry was assigned to …").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import morphology


@dataclass(frozen=True)
class Rules:
    object_triggers: re.Pattern
    subject_triggers: re.Pattern
    coordinator_markers: re.Pattern
    stop: re.Pattern  # the word that starts the action (ends the assignee)
    organization: re.Pattern  # a word that names a body or a person in office
    generic: re.Pattern
    pronoun: re.Pattern  # third-person subjects carried over from the previous clause
    first_person: re.Pattern
    noun_use_before: re.Pattern  # the trigger word used as a noun ("theo đề nghị của")
    intro: re.Pattern  # sentence adverbs in front of a subject ("Specifically,")
    lead_in: re.Pattern  # a prepositional phrase before the subject ("Under Decision No. 5, …")


def _words(*alternatives: str) -> str:
    return "|".join(sorted(alternatives, key=len, reverse=True))


VI = Rules(
    object_triggers=re.compile(r"(?<!\w)(?:giao(?:\s+nhiệm\s+vụ)?(?:\s+cho)?|yêu\s+cầu|đề\s+nghị|(?<!ban\s)chỉ\s+đạo|phân\s+công(?:\s+cho)?)(?!\w)", re.I),
    subject_triggers=re.compile(r"(?<!\w)(?:được\s+giao|chủ\s+trì|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm)(?!\w)", re.I),
    coordinator_markers=re.compile(r"(?<!\w)(?:phối\s+hợp(?:\s+chặt\s+chẽ)?(?:\s+với)?|cùng\s+với)(?!\w)", re.I),
    stop=re.compile(
        r"(?:" + _words(
            "báo cáo", "tổng hợp", "nghiên cứu", "xử lý", "trả lời", "thực hiện", "triển khai", "khẩn trương",
            "tập trung", "chủ động", "hoàn thành", "hoàn thiện", "xây dựng", "rà soát", "tham mưu", "kiểm tra",
            "đôn đốc", "theo dõi", "trình", "tổ chức", "phối hợp", "chủ trì", "tiếp tục", "quán triệt",
            "đẩy mạnh", "tăng cường", "đánh giá", "lập", "gửi", "cung cấp", "bố trí", "ban hành", "hướng dẫn",
            "giải quyết", "xem xét", "cập nhật", "đề xuất", "kịp thời", "nghiêm túc", "quyết liệt", "sớm",
            "khắc phục", "bảo đảm", "đảm bảo", "làm rõ", "quản lý", "giám sát", "tuyên truyền", "phổ biến",
            "có trách nhiệm", "có văn bản", "có ý kiến", "thẩm định", "phê duyệt", "tiến hành", "chỉ đạo",
            "khảo sát", "nắm", "cân đối", "bổ sung", "sửa đổi", "thống kê", "kiểm điểm", "chịu trách nhiệm",
            "phải", "cần", "thường xuyên", "nâng cao", "thu hồi", "xác minh", "giải ngân", "phát huy",
            "tiếp thu", "chuẩn bị", "ưu tiên", "dự thảo", "soạn thảo", "hỗ trợ", "rút kinh nghiệm", "nghiêm",
            "trực tiếp", "thành lập", "vận động", "tích cực", "duy trì", "làm việc", "trao đổi", "tham gia",
        ) + r")(?!\w)"
    ),
    organization=re.compile(
        r"(?<!\w)(?:sở|bộ|ban|ủy ban|uỷ ban|ubnd|hđnd|văn phòng|công an|thanh tra|chủ tịch|giám đốc|thủ trưởng|"
        r"trưởng|cơ quan|đơn vị|địa phương|ngành|huyện|tỉnh|xã|phường|cấp ủy|cấp uỷ|đảng ủy|đảng uỷ|chi bộ|"
        r"mặt trận|đoàn|hội|liên đoàn|kho bạc|cục|chi cục|tổng cục|ngân hàng|bí thư|lãnh đạo|người đứng đầu|"
        r"thủ tướng|chính phủ|tòa án|viện|chủ đầu tư|doanh nghiệp|tập đoàn|tổng công ty|trung tâm|bộ chính trị|"
        r"ban thường vụ|ban bí thư|quân khu|bộ chỉ huy|đài|báo|đảng bộ|hội đồng|bql|bch|tổ công tác|đoàn công tác)(?!\w)",
        re.I,
    ),
    generic=re.compile(r"(?<!\w)(?:các|những|mọi|toàn bộ|tất cả)\s+(?:cấp|sở|bộ|ban|ngành|địa phương|đơn vị|cơ quan|cấp ủy|tổ chức)", re.I),
    pronoun=re.compile(r"^(?:các\s+đơn\s+vị\s+này|họ)$", re.I),
    first_person=re.compile(r"^(?:chúng\s+(?:ta|tôi)|tôi)\b", re.I),
    noun_use_before=re.compile(r"(?<!\w)(?:theo|đến|các|những|đáp ứng|với|về|là|nêu|đúng|của|có|nhiệm vụ|được|bàn|chuyển)\s*$", re.I),
    intro=re.compile(r"^(?:đồng thời|ngoài ra|trong đó|theo đó|cụ thể|bên cạnh đó|cùng với đó|mặt khác|riêng)\s*,?\s*", re.I),
    lead_in=re.compile(r"^(?:theo|căn cứ|thực hiện|để|trên cơ sở|về)(?!\w)", re.I),
)

_RU_ORGS = (
    r"комитет\w*|комисси\w*|орган\w*|ведомств\w*|подразделени\w*|учреждени\w*|министерств\w*|департамент\w*|"
    r"отдел\w*|управлени\w*|совет\w*|фронт\w*|полици\w*|канцеляри\w*|аппарат\w*|организаци\w*|секретари\w*|"
    r"политбюро|правительств\w*|оргкомитет\w*|горком\w*|обком\w*|райком\w*|губернатор\w*|председател\w*|"
    r"министр\w*|руководител\w*|делегат\w*|коммун\w*|район\w*|провинци\w*|банк\w*|ревизионн\w*|"
    r"инспекци\w*|агентств\w*|офис\w*|бюро|штаб\w*|партийн\w*|"
    r"комітет\w*|комісі\w*|відомств\w*|підрозділ\w*|установ\w*|міністерств\w*|відділ\w*|управлінн\w*|"
    r"рад\w*|поліці\w*|апарат\w*|організаці\w*|секретаріат\w*|уряд\w*|голов\w*|керівник\w*|делегат\w*|"
    r"комун\w*|район\w*|провінці\w*|агентств\w*|офіс\w*|колегі\w*|партійн\w*|влад\w*|власт\w*|"
    r"рів\w*|уровн\w*|сектор\w*|населен\w*|відділенн\w*|"
    r"администраци\w*|адміністраці\w*|руководств\w*|керівництв\w*|регион\w*|регіон\w*|институт\w*|інститут\w*|"
    r"образовани\w*|глав\w*|кабмин\w*|кабмін\w*|кабинет\w*|кабінет\w*|міністр\w*|заместител\w*|заступник\w*|"
    r"распорядител\w*|розпорядник\w*|исполком\w*|райисполком\w*|облисполком\w*|виконком\w*|член\w*|"
    r"генштаб\w*|ова|ода|ога|рда|рга|заклад\w*|засновник\w*|учредител\w*|групп\w*|груп\w*|"
    r"предприяти\w*|підприємств\w*|старост\w*|инспекци\w*|інспекці\w*|служб\w*|компани\w*|компані\w*|"
    # ministries by their short names, and acronyms (МОЗ, МВС, ФСБ)
    r"минфин\w*|минздрав\w*|минэконом\w*|минобр\w*|минтранс\w*|минстро\w*|минприрод\w*|минсельхоз\w*|"
    r"минпромторг\w*|минюст\w*|минтруд\w*|минцифр\w*|мінфін\w*|мінеконом\w*|мінцифр\w*|мінрегіон\w*|"
    r"мінсоцполітик\w*|мінохорони\w*|мінагрополітик\w*|(?-i:[А-ЯІЇЄҐ]{2,6})"
)

# Nouns and short forms that end like an infinitive but are not verbs.
_NOT_INFINITIVE = (
    "власти", "части", "области", "сети", "пути", "деятельности", "ответственности", "роботи", "палати",
    "дати", "мети", "квоти", "зарплати", "громади", "частини", "сти", "ти", "кадри", "факти", "акти",
    "депутати", "кандидати", "результати", "ради", "влади", "рівня", "посади", "держави",
)

RU = Rules(
    object_triggers=re.compile(
        r"(?<!\w)(?:поручил\w*|поручает|поручают|поручить|поручено|поручаю|поручается|доручається|просит|просил\w*|попросил\w*|"
        # a letter's "Прошу руководителей … представить", "Просимо управління …"
        r"прошу|просим|просят|просимо|просять|"
        # "Назначить заместителя главы … ответственным за …", "Визначити відділ … відповідальним за …"
        r"(?:назначить|определить|призначити|визначити)(?=\s+(?:\S+\s+){1,12}?(?:ответственн|відповідальн)\w*\s+за)|"
        r"попросить|обязать|обязывает|обратился\s+к|обратилась\s+к|призвал\w*(?=\s+\w)|"
        r"доручи\w*|доручає|доручають|доручено|просить|попроси\w*|звернувся\s+до|звернулася\s+до|"
        r"зобов'яза\w*|зобов’яза\w*|закликав\w*|обязал\w*|поставил\w*\s+задач\w*|поставив\w*\s+завдання|"
        r"дал\w*\s+поручени\w*|дав\w*\s+доручення|надав\w*\s+(?:\w+\s+)?доручення|"
        r"(?:дано|даны|надано|надані|дані)\s+(?:\w+\s+){0,2}(?:поручени\w*|доручення)|предложено|запропоновано|рекомендовано|наказано|велено|призывает|призывают|заклика\w*|"
        r"поклад\w*\s+на|возлож\w*\s+на|поручени\w*|задани\w*|доручення|"
        # a decree's "Рекомендовать главам …" (not the passive "рекомендуется")
        r"рекомендовать|рекомендувати|рекомендуємо|рекомендую)(?!\w)",
        re.I,
    ),
    subject_triggers=re.compile(
        r"(?<!\w)(?:должен|должна|должно|должны|обязан\w*|необходимо|следует|надлежит|предстоит|належить|несет\s+ответственность|"
        r"несёт\s+ответственность|отвечает\s+за|повинен|повинна|повинно|повинні|необхідно|потрібно|слід|"
        r"закликають|призывают|несе\s+відповідальність|відповідає\s+за|"
        r"ма(?:ють|є)(?=\s+\w+(?:ти|тися|тись)(?!\w)))(?!\w)",
        re.I,
    ),
    coordinator_markers=re.compile(
        r"(?<!\w)(?:во\s+взаимодействии\s+с|совместно\s+с|в\s+координации\s+с|при\s+участии|"
        r"(?:координировать|координируя|взаимодействовать|сотрудничать)(?:\s+работу)?\s+с|"
        r"у\s+взаємодії\s+з|спільно\s+з|у\s+співпраці\s+з|за\s+участю|разом\s+(?:з|із)|вместе\s+с|"
        r"(?:тісно\s+)?(?:співпрацювати|координувати|взаємодіяти)(?:\s+роботу)?\s+з)(?!\w)",
        re.I,
    ),
    stop=re.compile(  # infinitives are found by is_infinitive_like
        r"(?:(?:ответственн|відповідальн)\w*\s+за|с\s+целью|в\s+целях|для|чтобы|щоб|з\s+метою|з\s+вимогою|с\s+требованием|с\s+просьбой|з\s+проханням|"
        r"із\s+закликом|з\s+закликом|с\s+призывом|сразу|после|в\s+соответствии|відповідно|по\s+вопросам|"
        r"з\s+питань|на\s+основе|на\s+основі|"
        # a time limit ends the assignee: "Міністерству фінансів до 1 липня подати …"
        r"до(?=\s+\d)|до\s+(?:конца|кінця|начала|початку|январ|феврал|марта|апрел|мая|июн|июл|август|сентябр|октябр|"
        r"ноябр|декабр|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листопад|груд)|не\s+позднее|не\s+позже|"
        r"не\s+пізніше|в\s+срок|у\s+термін|у\s+строк|в\s+течение|протягом|впродовж|упродовж|"
        r"(?:в|у)\s+\w*(?:дневный|недельный|месячный|денний|тижневий|місячний)\s+(?:срок|термін|строк)|"
        r"(?:в|у)\s+(?:кратчайшие|максимально\s+короткие|максимально\s+стислі|найкоротші|стислі)\s+(?:сроки|терміни|строки)|"
        r"(?:в|у)(?=\s+(?:I{1,3}|IV|перв\w+|втор\w+|трет\w+|четверт\w+|перш\w+|друг\w+)\s+(?:квартал|півріч|полугод))|"
        r"(?:в|у)(?=\s+\d{4}\s+(?:году|році|г\.|р\.))|(?:с|з)(?=\s+\d{1,2}\s)|"
        r"ежедневно|еженедельно|ежемесячно|ежеквартально|ежегодно|щоденно|щодня|щотижня|щомісяця|щокварталу|щороку|"
        r"щорічно|щопонеділка|щоп['’]?ятниці|незамедлительно|невідкладно|срочно|терміново)(?![\w'’])"
    ),
    organization=re.compile(rf"(?<!\w)(?:{_RU_ORGS})(?!\w)", re.I),
    generic=re.compile(
        r"всех\s+уровн|усіх\s+рівн|всіх\s+рівн|всех\s+уровней|ведомств|подразделени|підрозділ|установ|местн\w+\s+орган|"
        r"місцев\w+\s+орган|делегат|агентств|соответствующ|відповідн|населенн|районах|коммунах",
        re.I,
    ),
    pronoun=re.compile(r"^(?:они|им|их|вони|їм|їх)$", re.I),
    # "we", and "one agency must…", which states a principle rather than assigns
    first_person=re.compile(r"^(?:мы|нам|ми|я|один|одн\w*|кожн\w*|кажд\w*)(?!\w)", re.I),
    # "…, – просил секретарь": the verb of a quotation, not an assignment
    # (a closing quote alone ends a name: "ООО «Управдом» дано поручение")
    noun_use_before=re.compile(r"(?:(?:^|\s)(?:не|был\w*|буде\w*)|[»\"]\s*,\s*[–—-]?|[»\"]\s*[–—-]|[–—]\s*,?)\s*$", re.I),
    intro=re.compile(
        r"^(?:тому|поэтому|кроме\s+того|также|в\s+частности|зокрема|крім\s+того|також|таким\s+чином|"
        r"одновременно|водночас|при\s+этом|при\s+цьому|в\s+то\s+же\s+время|в\s+связи\s+с\s+этим)\s*,?\s*",
        re.I,
    ),
    lead_in=re.compile(
        r"^(?:согласно|в\s+соответствии|на\s+основании|во\s+исполнение|в\s+рамках|для|по\s+итогам|"
        r"згідно|відповідно|на\s+підставі|на\s+виконання|у\s+рамках|в\s+рамках|за\s+підсумками)(?!\w)",
        re.I,
    ),
)

EN = Rules(
    object_triggers=re.compile(
        # "directed that the DCs submit …", "ordered that all officers be present …": the subject of a that-clause
        r"(?<!\w)(?:(?:direct|order|instruct|insist|recommend|mandat)(?:ed|s|es)?\s+that|(?:urg|ask)(?:ed|es|s)\s+that|"
        # "sought a report from the departments within a week"
        r"(?:sought|seeks|seeking)\s+(?:[\w-]+\s+){0,5}?from|"
        # "a 90-day deadline for the departments to …", "set a deadline for the ministries to …"
        r"(?:(?:the|a|an)\s+)?(?:[\w-]+\s+)?deadline\s+for|"
        r"assign(?:ed|s)?|task(?:ed|s)?|ask(?:ed|s)?|request(?:ed|s)?(?:\s+that)?|instruct(?:ed|s)?|"
        r"direct(?:ed|s)?|urg(?:ed|es)|call(?:ed|s)?\s+on|call(?:ed|s)?\s+upon|order(?:ed|s)?|requir(?:ed|es)|"
        r"demand(?:ed|s)?\s+that|required\s+that|requesting|asking|assigning|instructing|urging|directing|tasking|"
        r"ordering|calling\s+(?:on|upon)|stress(?:ed|es)?\s+upon|enjoin(?:ed|s)?\s+upon|"
        # more verbs of the same shape (X … to): "told the officials to", "advised departments to"
        r"told|tell(?:s|ing)?|advis(?:ed|es|ing)|mandat(?:ed|es|ing)|exhort(?:ed|s)?|appeal(?:ed|s)?\s+to|want(?:ed|s)?|"
        r"authori[sz](?:ed|es)|empower(?:ed|s)?|"
        # the noun forms: "issued directions to the DCs to", "gave instructions to all departments to"
        r"(?:direction|instruction|directive|order)s?\s+to|"
        # "it was the duty of the secretary to …", "it is the responsibility of the ministries to …"
        r"it\s+(?:is|was|will\s+be|shall\s+be)\s+the\s+(?:duty|responsibility|job|obligation)\s+of)(?!\w)",
        re.I,
    ),
    subject_triggers=re.compile(
        r"(?<!\w)(?:should|must|(?:was|were|is|are|(?:has|have|had)\s+(?:also\s+)?been)\s+(?:(?:also|further|again|now|\w+ly)\s+)?(?:assigned|asked|requested|tasked|"
        r"instructed|directed|urged|required|responsible|ordered|called\s+on|told|advised|mandated|entrusted|charged|"
        r"expected|authori[sz]ed|empowered|in\s+charge)|will(?:\s+continue)?|"
        r"ha(?:s|ve|d)\s+to|ha(?:s|ve)\s+until(?=\s)|needs?\s+to|ought\s+to|shall|would\s+(?:have|need)\s+to|"
        r"(?:is|are|was|were)\s+supposed\s+to|(?:is|are|was|were)\s+(?:also\s+)?to(?=\s+[a-z]))(?!\w)",
        re.I,
    ),
    coordinator_markers=re.compile(
        r"(?<!\w)(?:in\s+(?:close\s+)?(?:coordination|collaboration|cooperation)\s+with|(?:work|coordinate|cooperate|collaborate)\s+(?:closely\s+)?with|together\s+with|jointly\s+with)(?!\w)",
        re.I,
    ),
    stop=re.compile(
        r"(?:to|continue|continues|strictly|take|implement|focus|ensure|review|report|strengthen|promptly|urgently|"
        r"closely|for|with|in\s+order|that|which|on|by|and\s+to)(?!\w)",
        re.I,
    ),
    organization=re.compile(
        r"(?<!\w)(?:ministr\w*|bank|committee\w*|department\w*|agenc\w+|office\w*|inspectorate|commission\w*|"
        r"government|council\w*|people'?s|provinc\w+|cit(?:y|ies)|localit\w+|units?|bod(?:y|ies)|organi[sz]ations?|"
        r"authorit\w+|corporations?|groups?|sectors?|chairm[ae]n|chairs?|directors?|heads?|leaders?|secretar\w+|"
        r"politburo|party|police|front|communes?|wards?|delegates?|members?|enterprises?|businesses|"
        r"officials?|officers?|minister\w*|governors?|mayors?|commissioners?|administrators?|staff|depts?|govt|"
        # an acronym names a body: MPI, MoF, MARD, PPC
        r"(?-i:M[o]?[A-Z]{1,5}|[A-Z]{2,6}s?))(?!\w)",
        re.I,
    ),
    generic=re.compile(
        r"(?:all\s+levels|\bministries\b|\bagencies\b|\blocalities\b|\bunits\b|party\s+committees|organizations|"
        r"\bsectors\b|\bthey\b|corporations)",
        re.I,
    ),
    pronoun=re.compile(r"^(?:they|them|these\s+(?:agencies|units|bodies|officials))$", re.I),
    first_person=re.compile(r"^(?:we|i|you|it|this|that|there|one|each)\b", re.I),
    noun_use_before=re.compile(r"(?:^|\s)(?:the|key|main|these|its|their|of|following|new|specific|other|a|an)\s*$", re.I),
    intro=re.compile(
        r"^(?:specifically|in\s+particular|in\s+addition|additionally|also|meanwhile|at\s+the\s+same\s+time|"
        r"furthermore|moreover|besides|accordingly|therefore|particularly|notably|"
        r"in\s+\d{4}|in\s+(?:the\s+)?(?:first|second|third|fourth)\s+(?:quarter|half)(?:\s+of\s+\d{4})?)\s*,?\s*",
        re.I,
    ),
    lead_in=re.compile(r"^(?:under|according\s+to|in\s+line\s+with|pursuant\s+to|following|in\s+order\s+to|to|for|as\s+per)(?!\w)", re.I),
)

RULES = {"vi": VI, "ru": RU, "uk": RU, "en": EN}


def is_infinitive_like(word: str, language: str | None = None) -> bool:
    """True for a Russian or Ukrainian infinitive (the action after a dative assignee).

    The dictionary decides when it knows the word (`morphology`); the endings decide otherwise."""
    lower = word.lower()
    if language in ("ru", "uk") and len(lower) >= 4 and _INFINITIVE_ENDING.search(lower):
        known = morphology.is_infinitive(lower, language)
        if known is not None:
            return known
    if lower in _NOT_INFINITIVE or len(lower) < 4:
        return False
    # plural nouns ("документи", "комітети"), "-сть" nouns, genitives of "-іта" nouns ("освіти")
    if re.search(r"(?:нти|кти|ети|ути|сть|ости|ести|іти)$", lower) and lower not in _RU_TI_VERBS:
        return False
    return bool(re.search(r"(?:ать|ять|еть|ить|уть|ыть|оть|ться|чь|чься|ти|тися|тись)$", lower))


_INFINITIVE_ENDING = re.compile(r"(?:ть|ться|чь|чься|ти|тися|тись)$")

_RU_TI_VERBS = {
    "вести", "провести", "ввести", "перевести", "привести", "произвести", "обрести", "нести", "внести",
    "принести", "перенести", "расти", "идти", "найти", "прийти", "войти", "пойти", "уйти", "спасти",
    "развести", "возвести", "бути", "забути", "здобути", "звести", "досягти",
}
