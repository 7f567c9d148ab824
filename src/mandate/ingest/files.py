"""The reader's files are the register's: `documents.files` takes the text out of .txt, .docx and .pdf."""
from mandate.documents.files import DEFAULT_LIMIT, IngestInputError, extract_text, repair_mojibake, require_readable

__all__ = ["DEFAULT_LIMIT", "IngestInputError", "extract_text", "repair_mojibake", "require_readable"]
