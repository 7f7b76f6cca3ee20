"""Writes of documents and their files, one transaction each."""
from django.core.exceptions import ValidationError
from django.db import transaction

from bianzhi.core.uploads import DOCUMENT_KINDS, check_upload

from .models import ApprovalDocument, DocumentFile

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


def save_document(document: ApprovalDocument, expected_version=None, upload=None, *, acting_user=None) -> ApprovalDocument:
    """Validate (文号 parsed and normalised, dates) and save; attach an uploaded file in the same transaction."""
    if not document.doc_number_raw:
        document.doc_number, document.issuer_code, document.year, document.serial = "", "", None, None
    document.full_clean()
    with transaction.atomic():
        document.save(expected_version=expected_version)
        if upload is not None:
            attach_file(document, upload, acting_user=acting_user)
    return document


def attach_file(document: ApprovalDocument, upload, *, acting_user=None) -> DocumentFile:
    """Store an uploaded file of a document after the upload guard has read its bytes (PDF, Word, Excel,
    images only — never HTML or script, whatever the name); the sniffed type is stored, not the uploader's."""
    try:
        checked = check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=MAX_DOCUMENT_BYTES)
    except ValidationError as exc:
        raise ValidationError({"upload": exc.messages})
    with transaction.atomic():
        return DocumentFile.from_upload(document, upload, user=acting_user, content_type=checked.content_type)
