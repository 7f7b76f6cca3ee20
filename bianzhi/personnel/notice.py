"""《机构编制使用核准通知单》 as PDF (WeasyPrint, like workflow's cover sheet), rebuilt from the stored notice."""
from django.conf import settings
from django.template.loader import render_to_string

from bianzhi.core.pdf import html_to_pdf

from .occupancy import occupancy


def context(notice) -> dict:
    app = notice.application
    occ = occupancy(notice.unit, notice.issued_on)
    return {"notice": notice, "app": app, "row": occ.row(notice.staffing_type),
            "organ": getattr(settings, "PERSONNEL_OFFICE_NAME", "机构编制委员会办公室")}


def to_pdf(notice) -> bytes:
    html = render_to_string("personnel/notice_print.html", context(notice))
    return html_to_pdf(html)
