"""Turn uploaded bytes into text: refuse what is not a text table, find the encoding, drop Excel's marks."""

from __future__ import annotations

import codecs
import collections
import re
import unicodedata

from charset_normalizer import from_bytes

from synth.errors import InputError

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 (no BOM)",
    "utf-16-be": "UTF-16 big-endian (no BOM)",
    "utf-32": "UTF-32",
    "cp1252": "latin-1 (Windows-1252)",
    "iso8859-1": "latin-1 (ISO-8859-1)",
    "iso8859-15": "latin-9 (ISO-8859-15)",
    "cp1250": "Central European (Windows-1250)",
    "cp1251": "Cyrillic (Windows-1251)",
    "mac-roman": "Mac Roman",
}
NOT_TEXT = "not a text table"
# Preferred when several encodings decode the bytes equally well: what spreadsheet exports most often use.
_PREFERRED = (
    "cp1252",
    "iso8859-15",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "iso8859-2",
    "cp850",
    "cp437",
    "mac-roman",
    "iso8859-1",
)
_SIGNATURES = (
    (b"%PDF", "a PDF document", "Export the table from the program that made it as CSV."),
    (b"\x89PNG", "an image", "Choose a CSV file."),
    (b"\xff\xd8\xff", "an image", "Choose a CSV file."),
    (b"GIF8", "an image", "Choose a CSV file."),
    (b"\x1f\x8b", "a compressed (gzip) file", "Decompress it and choose the CSV inside."),
    (b"7z\xbc\xaf", "a compressed (7-Zip) file", "Decompress it and choose the CSV inside."),
    (b"Rar!", "a compressed (RAR) file", "Decompress it and choose the CSV inside."),
    (b"BZh", "a compressed (bzip2) file", "Decompress it and choose the CSV inside."),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Excel (.xls) or Word file",
        "Open it in Excel and save it as CSV or as an .xlsx workbook.",
    ),
    (b"SQLite format 3", "a database file", "Export the table you want as CSV."),
)
_WEB_STARTS = ("<!doctype", "<html", "<?xml", "<head", "<body", "<!--", "<svg")


def encoding_label(codec: str) -> str:
    return ENCODING_LABELS.get(codec, codec)


def refuse_binary(data: bytes) -> None:
    """Raise InputError for formats that are certainly not text, before any decoding is tried."""
    for magic, what, hint in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"This file is {what}, {NOT_TEXT}. {hint}")
    head = data[:8192]
    if b"\x00" in head and _utf16_without_bom(head) is None and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        if not head.startswith(b"\x00\x00\xfe\xff"):
            raise InputError(f"This file holds binary data, {NOT_TEXT}. Choose a CSV file.")


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte is mostly zero, as in UTF-16 text without a BOM."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    half = len(head) // 2
    zeros_even = head[0::2].count(0) / half
    zeros_odd = head[1::2].count(0) / half
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def codec_name(encoding: str) -> str:
    """The canonical codec name of an encoding the user typed or picked, or a plain InputError."""
    try:
        return codecs.lookup(encoding.strip()).name
    except (LookupError, AttributeError):
        raise InputError(f"'{encoding}' is not an encoding name. Try utf-8, utf-16, cp1252 or latin-1.") from None


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """The text of the file and the codec that decoded it: the one given, else from the BOM, else detected."""
    if encoding:
        codec = codec_name(encoding)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        try:
            return data.decode(codec).removeprefix("\ufeff"), codec
        except UnicodeError as error:
            raise InputError(
                f"The file cannot be read as {encoding} (byte {error.start + 1:,} does not fit). "
                "Try another encoding, or let Doppel detect it."
            ) from None
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, codec), codec
    bomless = _utf16_without_bom(data[:8192])
    if bomless:
        return _strict(data, bomless), bomless
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for codec in _candidates(data):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise InputError(
        f"The file's characters cannot be decoded, so it is {NOT_TEXT}. Save it as CSV (UTF-8) and try again."
    )


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(
            f"The file starts like {encoding_label(codec)} text but has bytes that do not fit, so it "
            f"is {NOT_TEXT} that can be read safely. Save it again as CSV (UTF-8)."
        ) from None


def _candidates(data: bytes) -> list[str]:
    """Encodings that charset-normalizer finds plausible, the ones that give no garbled letters first."""
    sample = _non_ascii_sample(data)
    found = []
    for match in from_bytes(sample):
        try:
            found.append(codecs.lookup(match.encoding).name)
        except LookupError:
            continue
    ranked = dict.fromkeys(found + ["cp1252", "iso8859-1"])
    scores = {}
    for codec in ranked:
        try:
            scores[codec] = _garbled(sample.decode(codec)[:20_000])
        except UnicodeDecodeError:
            continue
    order = {
        codec: (_PREFERRED.index(codec) if codec in _PREFERRED else len(_PREFERRED) + list(ranked).index(codec))
        for codec in scores
    }
    return sorted(scores, key=lambda codec: (scores[codec], order[codec]))


def _non_ascii_sample(data: bytes, size: int = 65_536) -> bytes:
    """The lines that hold non-ASCII bytes (where encodings differ), up to size bytes."""
    lines = [line for line in data[: size * 16].splitlines() if not line.isascii()]
    sample = b"\n".join(lines)[:size]
    return sample or data[:size]


def _garbled(text: str) -> int:
    """How many non-ASCII characters look like mis-decoding: controls, or symbols and foreign scripts in words."""
    count = 0
    for index, char in enumerate(text):
        if char.isascii():
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Co", "Cn"):
            count += 1
            continue
        neighbours = text[max(index - 1, 0) : index] + text[index + 1 : index + 2]
        letters = [n for n in neighbours if n.isalpha()]
        if not letters:
            continue
        if not category.startswith("L") or any(_script(n) != _script(char) for n in letters):
            count += 1
    return count


def _script(char: str) -> str:
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Unicode's Cc, less tab, CR and LF
_BEYOND_CONTROLS = re.compile(r"[^\x00-\x9f]")


def _control_count(head: str) -> int:
    """Characters that are control (Cc), private-use (Co) or unassigned (Cn), tab and line ends aside. Cc is exactly
    U+0000-U+001F and U+007F-U+009F, so a regex counts those and unicodedata looks only at the other characters,
    each distinct one once (the same count as asking unicodedata for every character, without 65,536 calls)."""
    others = collections.Counter(_BEYOND_CONTROLS.findall(head))
    odd = sum(n for char, n in others.items() if unicodedata.category(char) in ("Co", "Cn"))
    return len(_CONTROL_CHARS.findall(head)) + odd


def refuse_non_table_text(text: str) -> None:
    """Raise InputError for web pages, XML, JSON and decoded binary data."""
    head = text[:65_536]
    start = head.lstrip().lower()
    if start.startswith(_WEB_STARTS) or "<html" in start[:2048]:
        raise InputError(f"This file is a web page or XML document, {NOT_TEXT}. Export the table as CSV instead.")
    if start.startswith(('{"', "[{", "[\n", "{\n", "{\r")):
        raise InputError(f"This file looks like JSON, {NOT_TEXT}. Export the table as CSV instead.")
    controls = _control_count(head)
    if controls > max(2, len(head) // 200) or head.count("\ufffd") > max(2, len(head) // 100):
        raise InputError(f"This file holds binary data, {NOT_TEXT}. Choose a CSV file.")


def strip_excel_marks(text: str) -> tuple[str, str | None]:
    """The text without Excel's 'sep=;' first line or a DOS end-of-file mark, and the separator that line names."""
    text = text.rstrip("\x1a")
    match = re.match(r"sep=(.)[ \t]*\n", text[:16], re.IGNORECASE)
    if match:
        return text[match.end() :], match.group(1)
    return text, None
