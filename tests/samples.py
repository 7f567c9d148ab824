"""Small real files of each accepted kind, made in the test (no fixtures on disk), for uploads that must open."""
import io
import zipfile


def a_pdf(lines: tuple[str, ...] = ("Bao cao ket qua thuc hien",)) -> bytes:
    """A one-page PDF with a text layer of `lines`, written by hand so that its bytes are known."""
    # With no lines the page has no text layer, as a scan.
    content = (b"BT /F1 12 Tf 40 800 Td 14 TL " + b" ".join(b"(" + line.encode("latin-1") + b") '" for line in lines) + b" ET"
               if lines else b"")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def a_docx(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs or ("Báo cáo kết quả thực hiện",):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def a_png(width: int = 4, height: int = 3) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def with_parts(container: bytes, parts: dict[str, bytes]) -> bytes:
    """The zip container with `parts` added (or put in place of the parts of the same name)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(container)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename not in parts:
                target.writestr(item, source.read(item))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()
