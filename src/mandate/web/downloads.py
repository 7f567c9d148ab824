"""Handing out an uploaded file (an attachment, a piece of evidence) after the view has checked who may see it.

Uploads are never served by path under /media/: the web server does not expose that folder, and Django serves it
in no configuration. A file goes out only through a view that first finds its document or task among those the
viewer may see, then calls `file_download`. PDFs and images open in the browser (inline) with their own type;
anything else — HTML, scripts, office files — is a download of type application/octet-stream, so an uploaded page
cannot run as the site.
"""
from django.http import FileResponse

INLINE_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def file_download(stored, *, name: str) -> FileResponse:
    """The stored file `stored` (a FieldFile) under the name it was uploaded with."""
    extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    inline = extension in INLINE_TYPES
    stored.open("rb")
    response = FileResponse(stored, as_attachment=not inline, filename=name,
                            content_type=INLINE_TYPES.get(extension, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response
