"""Peak memory of a web worker while a coordinator uploads the nastiest files.

    .venv/bin/python bench/uploads.py

Creates a throwaway database on the configured server (the embedded one unless
DATABASE_URL is set) with a network and its coordinator, builds the files
(small on disk), then uploads each one from a fresh worker process: a Python
process with Django set up that posts the file through the whole request path
(Django's test client: middleware, Wagtail's add view, the upload form, storage,
the post_save signal, the django-tasks task and, for an accepted document, the
limited extraction child). It prints, per file, what the coordinator was told,
the worker's peak RSS (and how much the upload added to it) and the extraction
child's peak RSS. Target: a worker's peak stays under 200 MB.
"""

import io
import json
import logging
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
DATABASE = "bench_uploads"
USERNAME = "bench-coordinadora"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MB = 1024 * 1024


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "rme_portal.settings.test"
    os.environ["TEST_DATABASE_NAME"] = DATABASE
    import django

    django.setup()


# --- the files ----------------------------------------------------------------------------------


def _docx(chunks, extra=()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            for chunk in chunks:
                member.write(chunk)
        for name, data in extra:
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb(megabytes=250) -> bytes:
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000
    return _docx([f"<w:document {W}><w:body>".encode(), *([paragraph] * megabytes), b"</w:body></w:document>"])


def lying_sizes() -> bytes:
    data = bytearray(zip_bomb(200))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    struct.pack_into("<L", data, info.header_offset + 22, 2_000)
    name = info.filename.encode()
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<L", data, central + 24, 2_000)
    return bytes(data)


def crowded(members=150_000) -> bytes:
    """~16 MB that is almost all ZIP directory: 150,000 empty members."""
    return _docx([f"<w:document {W}><w:body/></w:document>".encode()], [(f"{n}", b"") for n in range(members)])


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx([xml.encode()])


def _words(seed, count):
    rng = random.Random(seed)
    vocabulary = [f"palabra{n}" for n in range(20_000)]
    return (" ".join(rng.choices(vocabulary, k=12)) for _ in range(count))


def largest_docx() -> bytes:
    """Accepted: ~19 MB packed, ~75 MB of XML, all of it checked at upload and streamed by the child."""
    words = _words(1, 420_000)
    chunks = (f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>".encode() for line in words)
    return _docx([f"<w:document {W}><w:body>".encode(), *chunks, b"</w:body></w:document>"])


def largest_xlsx() -> bytes:
    """Accepted: 100,000 shared strings and 400,000 rows of 5 cells on a sheet claiming A1:XFD1048576."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/sharedStrings.xml", "w") as member:
            member.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for line in _words(2, 100_000):
                member.write(f"<si><t>{line}</t></si>".encode())
            member.write(b"</sst>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            member.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            member.write(b'<dimension ref="A1:XFD1048576"/><sheetData>')
            rng = random.Random(3)
            for row in range(1, 400_001):
                cells = "".join(f'<c t="s"><v>{rng.randrange(100_000)}</v></c>' for _ in range(5))
                member.write(f'<row r="{row}">{cells}</row>'.encode())
            member.write(b"</sheetData></worksheet>")
    return out.getvalue()


def pdf_stream_bomb() -> bytes:
    """One page whose content stream inflates to 500 MB (pypdf stops at 75 MB)."""
    compressor = zlib.compressobj(9)
    line = b"BT /F1 12 Tf 72 712 Td (bomba) Tj ET\n" * 30_000
    packed = b"".join(compressor.compress(line) for _ in range(500_000_000 // len(line))) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _png(width, height) -> bytes:
    def chunk(kind, body):
        return struct.pack(">L", len(body)) + kind + body + struct.pack(">L", zlib.crc32(kind + body))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    packed = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">LLBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", packed) + chunk(b"IEND", b"")


def gif_frames(frames=400_000, width=1000, height=1000) -> bytes:
    head = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    control = b"\x21\xf9\x04\x00\x01\x00\x00\x00"
    frame = control + b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    return head + loop + frame * frames + b"\x3b"


def largest_jpeg() -> bytes:
    """Accepted: 4,000 x 4,000 (16 million pixels, the limit)."""
    from PIL import Image

    image = Image.linear_gradient("L").resize((4_000, 4_000)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


FILES = [
    ("document", "zip bomb DOCX (250 MB document.xml)", "bomba.docx", zip_bomb),
    ("document", "DOCX whose headers lie (200 MB said to be 2 KB)", "mentira.docx", lying_sizes),
    ("document", "DOCX with 150,000 members", "multitud.docx", crowded),
    ("document", "billion laughs DOCX", "risas.docx", billion_laughs),
    ("document", "PDF whose content stream inflates to 500 MB", "bomba.pdf", pdf_stream_bomb),
    ("document", "largest accepted DOCX (75 MB of XML)", "larga.docx", largest_docx),
    ("document", "large XLSX claiming A1:XFD1048576", "planilla.xlsx", largest_xlsx),
    ("image", "decompression-bomb PNG (50,000 x 50,000)", "bomba.png", lambda: _png(50_000, 50_000)),
    ("image", "PNG of 8,000 x 8,000", "grande.png", lambda: _png(8_000, 8_000)),
    ("image", "GIF of 400,000 frames on 1,000 x 1,000", "animada.gif", gif_frames),
    ("image", "largest accepted JPEG (4,000 x 4,000)", "foto.jpg", largest_jpeg),
]


# --- one upload, in a fresh worker process --------------------------------------------------------


def peak_mb() -> float:
    """This process's peak RSS: VmHWM, which starts afresh at exec (ru_maxrss
    would carry over the peak of the process that started this one)."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


class ChildPeaks(logging.Handler):
    """The extraction child's own peak, as practices.extraction_process logs it."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.peaks = [0.0]

    def emit(self, record):
        peak = record.args[1] if isinstance(record.args, tuple) and len(record.args) > 1 else None
        if isinstance(peak, int):
            self.peaks.append(peak / 1024)


def worker(kind: str, path: str) -> None:
    setup_django()
    from django.core.files import File
    from django.db import connection
    from django.test import Client
    from wagtail.documents import get_document_model

    from practices.models import DocumentText

    connection.settings_dict["NAME"] = DATABASE
    children = ChildPeaks()
    extraction_logger = logging.getLogger("practices.extraction_process")
    extraction_logger.addHandler(children)
    extraction_logger.setLevel(logging.INFO)
    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=USERNAME))
    client.get("/admin/documents/" if kind == "document" else "/admin/images/")  # a warm worker
    baseline = peak_mb()
    name = Path(path).name.split("-", 1)[1]
    started = time.monotonic()
    with open(path, "rb") as handle:
        response = client.post(f"/admin/{kind}s/multiple/add/", {"files[]": File(handle, name=name)})
    elapsed = time.monotonic() - started
    answer = response.json()
    outcome = "refused: " + answer.get("error_message", "") if not answer.get("success") else "accepted"
    if answer.get("success") and kind == "document":
        record = DocumentText.objects.filter(document=get_document_model().objects.order_by("-pk").first()).first()
        outcome += f", {len(record.text):,} characters kept" if record and not record.error else f": {record.error}"
    print(
        json.dumps(
            {
                "outcome": outcome,
                "seconds": elapsed,
                "baseline": baseline,
                "worker": peak_mb(),
                "child": max(children.peaks),
            }
        )
    )


# --- the run --------------------------------------------------------------------------------------


def main() -> int:
    setup_django()
    from django.db import connection

    from networks.coordinators import coordinator_assign
    from tests.factories import UserFactory, make_network

    started = time.monotonic()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    print(f"fresh database {connection.settings_dict['NAME']} migrated in {time.monotonic() - started:.1f} s")
    try:
        network = make_network("Red de prueba de cargas", region_id=6)
        coordinator_assign(network, UserFactory(username=USERNAME))
        connection.close()
        with tempfile.TemporaryDirectory(prefix="bench-uploads-") as folder:
            print(f"{'file':52} {'on disk':>9} {'worker':>8} {'+upload':>8} {'child':>7} {'time':>6}  outcome")
            for number, (kind, label, name, build) in enumerate(FILES):
                path = Path(folder) / f"{number}-{name}"
                path.write_bytes(build())
                finished = subprocess.run(
                    [sys.executable, __file__, "--worker", kind, str(path)],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                lines = finished.stdout.strip().splitlines()
                if finished.returncode or not lines:
                    print(f"{label:52} worker failed:\n{finished.stderr[-2000:]}")
                    continue
                figures = json.loads(lines[-1])
                print(
                    f"{label:52} {path.stat().st_size / MB:7.2f}MB {figures['worker']:6.0f}MB "
                    f"{figures['worker'] - figures['baseline']:6.0f}MB {figures['child']:5.0f}MB "
                    f"{figures['seconds']:5.1f}s  {figures['outcome'][:150]}"
                )
                path.unlink()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3])
        sys.exit(0)
    sys.exit(main())
