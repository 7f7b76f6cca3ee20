"""材料封面 (Word / PDF) of a unit."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from bianzhi.registry.models import Unit

from .. import coversheet
from .common import _disposition


@login_required
def coversheet_view(request, unit_pk, fmt="html"):
    unit = get_object_or_404(Unit.objects.restrict(request.user, "view"), pk=unit_pk)
    children = Unit.objects.restrict(request.user, "view").filter(parent=unit, status="active")
    sheet = coversheet.build(unit, children)
    if fmt == "docx":
        return HttpResponse(coversheet.to_docx(sheet), headers={
            "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Content-Disposition": _disposition(f"{sheet['title']}-封面.docx")})
    if fmt == "pdf":
        return HttpResponse(coversheet.to_pdf(sheet), headers={
            "Content-Type": "application/pdf", "Content-Disposition": _disposition(f"{sheet['title']}-封面.pdf")})
    return render(request, "workflow/coversheet.html", {"unit": unit, "sheet": sheet})


