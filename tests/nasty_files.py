"""Nasty files, built in code and small on disk: zip bombs, archives whose
headers lie, crowded archives, XML entity bombs, decompression-bomb images and
animations with many frames. Shared by the upload tests and bench/uploads.py.
Nothing here needs Django."""

import io
import struct
import zipfile
import zlib

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with(document_xml_chunks, *, extra=()) -> bytes:
    """A DOCX whose word/document.xml is written chunk by chunk (never whole in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            for chunk in document_xml_chunks:
                member.write(chunk)
        for name, data in extra:
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx(megabytes=200) -> bytes:
    """A document.xml of `megabytes` MB of the same paragraph: ~1,000 times smaller packed."""
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000  # ~1 MB
    return docx_with([f"<w:document {W}><w:body>".encode(), *([paragraph] * megabytes), b"</w:body></w:document>"])


def lying_docx(megabytes=30) -> bytes:
    """A document.xml of `megabytes` MB whose directory entries (local and central) say 2,000 bytes."""
    data = bytearray(zip_bomb_docx(megabytes))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    struct.pack_into("<L", data, info.header_offset + 22, 2_000)  # local header: uncompressed size
    name = info.filename.encode()
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<L", data, central + 24, 2_000)  # central directory: uncompressed size
    return bytes(data)


def crowded_docx(members=6_000, *, short_names=False) -> bytes:
    """An archive that is almost all directory: `members` empty members."""
    name = "{}" if short_names else "word/media/empty{}.xml"
    return docx_with(
        [f"<w:document {W}><w:body/></w:document>".encode()],
        extra=[(name.format(number), b"") for number in range(members)],
    )


def billion_laughs_docx() -> bytes:
    """Ten levels of ten references: a billion "lol"s, 3 GB, if entities were expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return docx_with([xml.encode()])


def png_header_only(width: int, height: int) -> bytes:
    """A 1-bit grayscale PNG of width x height whose rows are all zeros (packed to almost nothing)."""

    def chunk(kind, body):
        return struct.pack(">L", len(body)) + kind + body + struct.pack(">L", zlib.crc32(kind + body))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    packed = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">LLBBBBB", width, height, 1, 0, 0, 0, 0))
        + chunk(b"IDAT", packed)
        + chunk(b"IEND", b"")
    )


def many_frames_gif(frames: int, width: int, height: int) -> bytes:
    """An animated GIF of `frames` frames on a width x height screen, each frame one pixel of data."""
    head = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    frame = (
        b"\x21\xf9\x04\x00\x01\x00\x00\x00" + b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0) + b"\x02\x02\x44\x01\x00"
    )
    return head + loop + frame * frames + b"\x3b"
