"""The third round's clause shapes (issue 20): word forms from the dictionaries, limits given in the next
sentence, and English that-clauses. Short texts of our own; the corpus passages are measured by the scorer."""
import pytest

from mandate.ingest import morphology, read
from mandate.ingest.triggers import is_infinitive_like


def tasks(text: str, language: str) -> list[tuple]:
    return [(t["assignee"], t["deadline"], t["deadline_raw"]) for t in read(text, language=language)["tasks"]]


def test_the_dictionaries_are_installed_with_the_project():
    # pinned in pyproject.toml with their PyPI dictionaries; nothing is fetched at run time
    assert morphology.is_infinitive("обеспечить", "ru") is True
    assert morphology.is_infinitive("власти", "ru") is False
    assert morphology.is_infinitive("забезпечити", "uk") is True
    assert morphology.is_infinitive("документи", "uk") is False
    assert morphology.can_be_dative("администрации", "ru") is True
    assert morphology.can_be_dative("в", "ru") is None  # too short to ask: "в" is also an abbreviation
    assert morphology.can_be_dative("керівника", "uk") is False
    assert morphology.is_infinitive("щоквакля", "uk") is None  # unknown: the endings decide


def test_the_endings_decide_for_a_word_the_dictionary_does_not_know():
    assert is_infinitive_like("провести") and is_infinitive_like("провести", "ru")
    assert not is_infinitive_like("освіти", "uk")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # feminine datives in -ии, which the endings did not take for a dative lead
        ("ru", "ПОСТАНОВЛЯЮ:\n1. Администрации Кировского района обеспечить уборку улиц до 1 июля 2026 года.\n"
               "2. Инспекции по труду провести проверку предприятий в течение месяца.",
         [("Администрации Кировского района", "2026-07-01", "до 1 июля 2026 года"),
          ("Инспекции по труду", None, "в течение месяца")]),
        # a body with its verb in the future after a lead-in
        ("uk", "Голова ОДА доручив:\n- Управління житлово-комунального господарства забезпечить ремонт котелень "
               "до 1 жовтня 2026 року;\n- Відділ освіти підготує заклади до опалювального сезону.",
         [("Управління житлово-комунального господарства", "2026-10-01", "до 1 жовтня 2026 року"),
          ("Відділ освіти", None, None)]),
        # the subject in the nominative after a purpose phrase with no comma
        ("uk", "Для ухвалення урядом рішення місцева влада має гарантувати безпеку дітей.",
         [("місцева влада", None, None)]),
        ("uk", "Щоб підготуватися до зими районні державні адміністрації повинні завершити ремонт до 1 жовтня 2026 року.",
         [("районні державні адміністрації", "2026-10-01", "до 1 жовтня 2026 року")]),
        # "призвал" and its forms
        ("ru", "Губернатор провел совещание и призвал местные власти контролировать соблюдение мер.",
         [("местные власти", None, None)]),
        # a letter's request, an appointment, a passive in the present, "предстоит" with a dative
        ("ru", "Прошу руководителей органов местного самоуправления представить информацию до 1 марта 2026 года.",
         [("руководителей органов местного самоуправления", "2026-03-01", "до 1 марта 2026 года")]),
        ("ru", "2. Назначить заместителя главы Администрации города ответственным за организацию контроля.",
         [("заместителя главы Администрации города", None, None)]),
        ("ru", "Отделу образования поручается подготовить отчет.", [("Отделу образования", None, None)]),
        ("ru", "Департаменту предстоит разработать программу до конца 2026 года.",
         [("Департаменту", "2026-12-31", "до конца 2026")]),
        # a pronoun addressee is left out, as the labels do
        ("ru", "Министерство направило в институты письмо, в котором призвало их ускорить вакцинацию.", []),
    ],
)
def test_russian_and_ukrainian_word_forms(language, text, expected):
    assert tasks(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ru", "1.Обязать соответствующих руководителей провести работы по благоустройству.\n"
               "Обратить особое внимание на клумбы.\nСрок окончания работ 1 августа 2000 года.",
         [("соответствующих руководителей", "2000-08-01", "Срок окончания работ 1 августа 2000 года")]),
        ("uk", "Уряд доручив Міністерству освіти і науки проаналізувати можливість збільшення канікул.\n"
               "Відповідні доручення міністерства мають виконати до 1 жовтня 2026 року.",
         [("Міністерству освіти і науки", "2026-10-01", "до 1 жовтня 2026 року")]),
        ("en", "The Chief Secretary asked the Finance Department to prepare the budget.\n"
               "The deadline is March 31, 2026.",
         [("the Finance Department", "2026-03-31", "deadline is March 31, 2026")]),
        # a limit in a sentence that is not about the task stays out
        ("uk", "Прем'єр доручив всім міністерствам провести аналіз звернення.\n"
               "Прем'єр зазначив, що проведе колегії, щоб поставити завдання до вересня 2026 р.",
         [("всім міністерствам", None, None)]),
    ],
)
def test_a_limit_in_the_next_sentence(language, text, expected):
    assert tasks(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Chief Minister directed that the DCs submit reports on the flood damage by March 4, 2026.",
         [("the DCs", "2026-03-04", "by March 4, 2026")]),
        ("The court ordered that all district officers be present at the hearing.", [("all district officers", None, None)]),
        ("He directed that a portal be launched by 15th December 2025.", []),  # no body
        ("The government set a 90-day deadline for the departments to clear the pending files.",
         [("the departments", None, None)]),
        ("Chief Secretary issued instructions to all the Deputy Commissioners to complete the survey within 15 days.",
         [("all the Deputy Commissioners", None, "within 15 days")]),
        ("The Chief Secretary said it was the duty of the secretary to ensure that orders were issued within a week.",
         [("the secretary", None, "within a week")]),
        ("Departments were further advised to regularly review service delivery.", [("Departments", None, "regularly")]),
        ("The Chief Secretary sought a status report from all the Deputy Commissioners within a week.",
         [("all the Deputy Commissioners", None, "within a week")]),
        ("He said the departments would have to complete the survey by June 30, 2026.",
         [("the departments", "2026-06-30", "by June 30, 2026")]),
        ("Depts. should also prepare a brief profile and submit it to the government.", [("Depts.", None, None)]),
    ],
)
def test_english_clause_structure(text, expected):
    assert tasks(text, "en") == expected
