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
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.nasty_files import (  # noqa: E402 (the repository's root first)
    W,
    billion_laughs_docx,
    crowded_docx,
    docx_with,
    lying_docx,
    many_frames_gif,
    png_header_only,
    zip_bomb_docx,
)

BASE_DIR = Path(__file__).resolve().parents[1]
DATABASE = "bench_uploads"
USERNAME = "bench-coordinadora"
MB = 1024 * 1024


def setup_django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "rme_portal.settings.test"
    os.environ["TEST_DATABASE_NAME"] = DATABASE
    import django

    django.setup()


# --- the files ----------------------------------------------------------------------------------


def _words(seed, count):
    rng = random.Random(seed)
    vocabulary = [f"palabra{n}" for n in range(20_000)]
    return (" ".join(rng.choices(vocabulary, k=12)) for _ in range(count))


def largest_docx() -> bytes:
    """Accepted: ~19 MB packed, ~75 MB of XML, all of it checked at upload and streamed by the child."""
    words = _words(1, 420_000)
    chunks = (f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>".encode() for line in words)
    return docx_with([f"<w:document {W}><w:body>".encode(), *chunks, b"</w:body></w:document>"])


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


def largest_jpeg() -> bytes:
    """Accepted: 4,000 x 4,000 (16 million pixels, the limit)."""
    from PIL import Image

    image = Image.linear_gradient("L").resize((4_000, 4_000)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


FILES = [
    ("document", "zip bomb DOCX (250 MB document.xml)", "bomba.docx", lambda: zip_bomb_docx(250)),
    ("document", "DOCX whose headers lie (200 MB said to be 2 KB)", "mentira.docx", lambda: lying_docx(200)),
    ("document", "DOCX with 150,000 members", "multitud.docx", lambda: crowded_docx(150_000, short_names=True)),
    ("document", "billion laughs DOCX", "risas.docx", billion_laughs_docx),
    ("document", "PDF whose content stream inflates to 500 MB", "bomba.pdf", pdf_stream_bomb),
    ("document", "largest accepted DOCX (75 MB of XML)", "larga.docx", largest_docx),
    ("document", "large XLSX claiming A1:XFD1048576", "planilla.xlsx", largest_xlsx),
    ("image", "decompression-bomb PNG (50,000 x 50,000)", "bomba.png", lambda: png_header_only(50_000, 50_000)),
    ("image", "PNG of 8,000 x 8,000", "grande.png", lambda: png_header_only(8_000, 8_000)),
    ("image", "GIF of 400,000 frames on 1,000 x 1,000", "animada.gif", lambda: many_frames_gif(400_000, 1000, 1000)),
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
