"""Reading a batch: the CSV the command line host's ``pins import`` reads
(docs/cli.md: a header row, then one pin per row), or a JSON array of
pins in the component's ``pin-input`` form. Each entry becomes a pin, or a
refusal that names its line and what to fix."""

from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

#: Columns ``pins import`` understands.
COLUMNS = ("image_url", "image_file", "title", "description", "link", "alt_text", "board_section_id", "dominant_color")
TEXT_COLUMNS = {"title": "title", "description": "description", "link": "link", "alt_text": "alt-text",
                "board_section_id": "board-section-id", "dominant_color": "dominant-color"}
IMAGE_TYPES = {b"\xff\xd8\xff": "jpeg", b"\x89PNG\r\n\x1a\n": "png"}

#: (line, pin, refusal): exactly one of pin and refusal is set.
Entry = tuple[int | None, dict | None, dict | None]


class BatchFileError(Exception):
    """The file as a whole cannot be read: what is wrong, and what to do."""

    def __init__(self, message: str, remedy: str):
        super().__init__(message)
        self.remedy = remedy


def _refusal(line: int | None, reason: str) -> dict:
    where = f"Line {line}" if line is not None else "This pin"
    return {"tag": "invalid-input", "summary": f"{where}: {reason}.", "remedy": "Fix it in the file and publish it again."}


def _image_file(path: Path) -> dict:
    data = path.read_bytes()
    for magic, content_type in IMAGE_TYPES.items():
        if data.startswith(magic):
            return {"content-type": content_type, "data": base64.b64encode(data).decode()}
    raise ValueError(f"{path.name} is not a JPEG or PNG image")


def _csv_pin(fields: dict[str, str], board_id: str, base: Path) -> dict:
    url, file = fields.get("image_url"), fields.get("image_file")
    if url and file:
        raise ValueError("fill either image_url or image_file, not both")
    if url:
        media = {"tag": "image-url", "val": url}
    elif file:
        try:
            media = {"tag": "image-data", "val": _image_file(base / file)}
        except OSError as error:
            raise ValueError(f"cannot read image_file {file}: {error.strerror}") from None
    else:
        raise ValueError("no image: fill image_url or image_file")
    pin = {"board-id": board_id, "media": media}
    for column, name in TEXT_COLUMNS.items():
        if fields.get(column):
            pin[name] = fields[column]
    return pin


def read_csv(path: Path, board_id: str) -> list[Entry]:
    """The CSV's rows as pins for ``board_id``; image files are relative to the CSV."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BatchFileError(f"Could not read the CSV {path}: {error}.", "Pass a UTF-8 CSV file.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    if "image_url" not in header and "image_file" not in header:
        raise BatchFileError(f"The CSV {path} has no image_url or image_file column.",
                             f"Start it with a header row naming its columns: {', '.join(COLUMNS)}.")
    entries: list[Entry] = []
    line = reader.line_num + 1
    for record in reader:
        start, line = line, reader.line_num + 1
        values = [value.strip() for value in record]
        if not any(values):
            continue
        fields = {name: value for name, value in zip(header, values) if name in COLUMNS and value}
        try:
            entries.append((start, _csv_pin(fields, board_id, path.parent), None))
        except ValueError as error:
            entries.append((start, None, _refusal(start, str(error))))
    return entries


def read_json(path: Path, board_id: str) -> list[Entry]:
    """A JSON array of ``pin-input`` objects; ``board-id`` defaults to ``board_id``."""
    try:
        pins = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise BatchFileError(f"Could not read the JSON {path}: {error}.", "Pass a JSON array of pins.") from None
    if not isinstance(pins, list):
        raise BatchFileError(f"The JSON {path} is not an array.", "Pass a JSON array of pins in the component's pin-input form.")
    entries: list[Entry] = []
    for pin in pins:
        if not isinstance(pin, dict) or "media" not in pin:
            entries.append((None, None, _refusal(None, "is not a pin object with media")))
        else:
            entries.append((None, {"board-id": board_id, **pin}, None))
    return entries


def read(path: Path, board_id: str) -> list[Entry]:
    """A CSV or (by its ``.json`` name) JSON batch file."""
    return read_json(path, board_id) if path.suffix.lower() == ".json" else read_csv(path, board_id)
