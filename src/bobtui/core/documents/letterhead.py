"""The sender of every document: the organisation's name and logo from the settings."""

import struct
from pathlib import Path

from bobtui.core.config.settings import Settings
from bobtui.core.documents.blocks import Logo
from bobtui.core.documents.summary import Letterhead
from bobtui.core.domain.errors import BobError

_PNG = b"\x89PNG\r\n\x1a\n"
_MAX_LOGO = 2_000_000  # bytes: a logo, not a photograph


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data.startswith(_PNG) and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame segment."""
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 9 < len(data) and data[at] == 0xFF:
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def read_logo(path: Path) -> Logo:
    """The logo at ``path``; one Dutch sentence when it is missing or not a PNG or JPEG."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BobError(
            f"Het logo {path} kan niet worden gelezen ({error.strerror or 'onbekende fout'}); "
            "pas 'logo' aan in de instellingen."
        ) from None
    if len(data) > _MAX_LOGO:
        raise BobError(f"Het logo {path} is groter dan 2 MB; kies een kleiner plaatje.")
    for extension, size in (("png", _png_size(data)), ("jpeg", _jpeg_size(data))):
        if size and all(size):
            return Logo(data, extension, *size)
    raise BobError(f"Het logo {path} is geen PNG- of JPEG-plaatje.")


def letterhead_of(settings: Settings) -> Letterhead:
    """The organisation's name and logo as the settings give them."""
    logo = read_logo(settings.logo) if settings.logo else None
    return Letterhead(settings.organisation, logo)
