"""The documents of cases, programmes and discipline decisions are confined to the inspections' circle; a notice of
conclusion's own title moves to its case, and the register keeps a neutral one (documents.circles)."""
from django.db import migrations, models

from mandate.core.text import searchable

CIRCLE = "inspections"
NEUTRAL_TITLE = "Thông báo kết luận"  # settings.LANGUAGE_CODE's "Notice of conclusion" (vi), as the service writes it


def confine(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Case = apps.get_model("inspections", "Case")
    CaseStep = apps.get_model("inspections", "CaseStep")
    Programme = apps.get_model("inspections", "Programme")
    DisciplineDecision = apps.get_model("inspections", "DisciplineDecision")
    for case in Case.objects.filter(conclusion_notice__isnull=False).select_related("conclusion_notice"):
        notice = case.conclusion_notice
        case.notice_title = notice.title
        case.save(update_fields=["notice_title"])
        notice.title = NEUTRAL_TITLE
        notice.search_title = searchable(notice.number_text, NEUTRAL_TITLE)
        notice.save(update_fields=["title", "search_title"])
    for model in (CaseStep, Programme, DisciplineDecision):
        ids = model.objects.exclude(document__isnull=True).values("document_id")
        Document.objects.filter(pk__in=ids).update(circle=CIRCLE)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0005_insp_circle"),
        ("inspections", "0002_iedges_citations"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="notice_title",
            field=models.CharField(blank=True, help_text="the notice of conclusion's own title: the case's circle reads it here; the register knows the notice by a neutral title (documents.circles)", max_length=500),
        ),
        migrations.RunPython(confine, migrations.RunPython.noop),
    ]
