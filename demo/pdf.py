"""A tiny PDF writer for the demo documents.

The demo needs real, openable PDF files (the Stockholm programme, the brand
manual, the social media policy) without adding a PDF library to the project.
This writes a plain PDF 1.4 by hand: A4 pages, the standard Helvetica fonts
(which every reader has, so nothing is embedded) and uncompressed text
streams, so the text can be searched and extracted.

The output depends only on the input, so the loader can compare hashes and
leave an unchanged document alone.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
TITLE_SIZE, BODY_SIZE = 16, 11
LEADING = 15  # line height of body text
# Helvetica averages about half an em per character; 85 characters of 11 pt fit in the text column.
WRAP_WIDTH = 85


def make_pdf(title, lines):
    """The bytes of a PDF with `title` as a bold heading and `lines` as paragraphs below it.

    Each item of `lines` is a paragraph, wrapped to the page width; an empty
    string leaves a blank line. Long texts continue on further pages.
    """
    pages = _paginate(_wrap(lines))
    objects = _objects(title, pages)
    return _serialise(objects)


def _wrap(lines):
    wrapped = []
    for paragraph in lines:
        wrapped.extend(textwrap.wrap(paragraph, WRAP_WIDTH) or [""])
    return wrapped


def _paginate(lines):
    """Split body lines into pages; the first page also holds the title."""
    per_page = (PAGE_HEIGHT - 2 * MARGIN) // LEADING
    first = per_page - 3  # room for the title and the gap after it
    pages = [lines[:first]]
    rest = lines[first:]
    while rest:
        pages.append(rest[:per_page])
        rest = rest[per_page:]
    return pages


def _objects(title, pages):
    """The numbered PDF objects, in order, as bytes (object 1 is the catalog)."""
    page_count = len(pages)
    # Numbering: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info,
    # then for each page its page object and its content stream.
    page_numbers = [6 + 2 * i for i in range(page_count)]
    kids = " ".join(f"{n} 0 R" for n in page_numbers)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Title " + _text_string(title) + b" /Producer (CityComms demo) >>",
    ]
    for index, lines in enumerate(pages):
        content = _content_stream(title if index == 0 else None, lines)
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {page_numbers[index] + 1} 0 R >>"
            ).encode("ascii")
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return objects


def _content_stream(title, lines):
    top = PAGE_HEIGHT - MARGIN
    ops = [b"BT"]
    if title:
        ops.append(b"/F1 %d Tf %d %d Td %d TL" % (TITLE_SIZE, MARGIN, top - TITLE_SIZE, LEADING))
        ops.append(_literal(title) + b" Tj")
        ops.append(b"/F2 %d Tf T* T*" % BODY_SIZE)
    else:
        ops.append(b"/F2 %d Tf %d %d Td %d TL" % (BODY_SIZE, MARGIN, top - BODY_SIZE, LEADING))
    for line in lines:
        ops.append(_literal(line) + b" Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def _literal(text):
    """A PDF literal string in WinAnsiEncoding, which covers å, ä, ö and the en dash."""
    encoded = text.encode("cp1252", errors="replace")
    escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"


def _text_string(text):
    """A text string for the document information dictionary: UTF-16BE with a byte order mark."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _serialise(objects):
    """The file: header, objects, cross-reference table with each object's byte offset, trailer."""
    # The second line's high bytes tell transfer tools that the file is binary.
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_offset = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"  # each entry is exactly 20 bytes, hence the space before \n
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)
