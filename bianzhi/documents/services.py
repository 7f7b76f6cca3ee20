"""Writes of documents and their files, one transaction each."""
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import ApprovalDocument, DocumentFile


def save_document(document: ApprovalDocument, expected_version=None, upload=None, user=None) -> ApprovalDocument:
    """Validate (文号 parsed and normalised, dates) and save; attach an uploaded file in the same transaction."""
    if not document.doc_number_raw:
        document.doc_number, document.issuer_code, document.year, document.serial = "", "", None, None
    document.full_clean()
    with transaction.atomic():
        document.save(expected_version=expected_version)
        if upload is not None:
            attach_file(document, upload, user)
    return document


def attach_file(document: ApprovalDocument, upload, user=None) -> DocumentFile:
    if getattr(upload, "size", 0) == 0:
        raise ValidationError({"upload": f"文件“{upload.name}”为空"})
    with transaction.atomic():
        return DocumentFile.from_upload(document, upload, user=user)
