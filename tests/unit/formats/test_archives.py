"""Zip archives no format reads: each refused with what it is and what to do."""

import io
import zipfile

import pytest

from synth.errors import InputError
from synth.formats.archives import refuse_archive


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}, r"OpenDocument spreadsheet \(\.ods\)"),
        ({"word/document.xml": b"<w/>"}, "word-processor document"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "word-processor document"),
        ({"table.csv": b"a,b\n1,2\n"}, "zip archive, not a text table. Unzip it"),
    ],
)
def test_each_kind_of_archive_is_named(files, message):
    # Assert
    with pytest.raises(InputError, match=message):
        refuse_archive(_zip(files))


def test_a_damaged_zip_is_refused_and_other_bytes_pass():
    # Assert
    with pytest.raises(InputError, match="damaged zip"):
        refuse_archive(b"PK\x05\x06" + b"\x00" * 4)
    refuse_archive(b"a,b\n1,2\n")
