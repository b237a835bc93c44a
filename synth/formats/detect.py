"""Which registered format a file is, from its bytes (the name is only a hint), with a note when the two disagree."""

from __future__ import annotations

from synth.formats.archives import refuse_archive
from synth.formats.registry import DEFAULT_FORMAT, MODULES, format_module, formats


def file_format(data: bytes, file_name: str | None = None) -> tuple[str, list[str]]:
    """The first format whose detect claims the bytes, else CSV; InputError for archives no format reads."""
    name = (file_name or "").lower()
    found = next((key for key in MODULES if key != DEFAULT_FORMAT and format_module(key).detect(data, name)), None)
    if found is None:
        refuse_archive(data)
        found = DEFAULT_FORMAT
    announced = {extension: info.name for info in formats().values() for extension in info.read_extensions}
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    notes = []
    if extension in announced and announced[extension] != found:
        notes.append(f"the file is named .{extension} but is {format_module(found).INFO.article}: read as such")
    return found, notes
