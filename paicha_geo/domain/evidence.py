"""Evidence (佐证材料): photos and documents attached to an issue, and the rules they obey.

Pure rules. What kinds exist (整改前/整改后/验收材料), which file types an installation takes
(checked by content, never by the name: see io/evidence_files), how large and how many, and
which kinds an issue must carry before it may be reported 已整改 (`require_before_rectified`,
off by default). The limits are settings (`evidence` in settings.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paicha_geo.domain.errors import UserError

KINDS = ("before", "after", "acceptance")
# type key -> (media type served on download, file name extensions it goes by)
TYPES = {
    "jpeg": ("image/jpeg", ("jpg", "jpeg")),
    "png": ("image/png", ("png",)),
    "pdf": ("application/pdf", ("pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             ("docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
}
IMAGE_TYPES = ("jpeg", "png")
NAME_MAX = 120  # characters of a file name kept for display
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")


class EvidenceRefused(UserError):
    """An attachment refused: its type, size, count, the viewer's power, a missing reason."""


@dataclass(frozen=True)
class EvidenceRules:
    """What evidence an installation accepts, and when it is required."""

    allowed_types: tuple[str, ...] = ("jpeg", "png", "pdf", "docx", "xlsx")
    max_mb: float = 10
    max_files_per_issue: int = 20
    # kinds an issue must carry before it may be reported 已整改 (e.g. ["after"]); empty: off
    require_before_rectified: tuple[str, ...] = ()
    image_max_megapixels: float = 64  # larger images are refused unread (decompression bombs)
    unpacked_max_mb: float = 100  # what a .docx/.xlsx may unpack to
    thumbnail_px: int = 240

    def __post_init__(self):
        object.__setattr__(self, "allowed_types", tuple(self.allowed_types))
        object.__setattr__(self, "require_before_rectified",
                           tuple(self.require_before_rectified))
        if bad := sorted(set(self.allowed_types) - set(TYPES)):
            raise ValueError(f"evidence.allowed_types: unknown type(s) {', '.join(bad)}")
        if bad := sorted(set(self.require_before_rectified) - set(KINDS)):
            raise ValueError(f"evidence.require_before_rectified: unknown kind(s) "
                             f"{', '.join(bad)}")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @property
    def unpacked_max_bytes(self) -> int:
        return int(self.unpacked_max_mb * 1024 * 1024)

    @property
    def image_max_pixels(self) -> int:
        return int(self.image_max_megapixels * 1_000_000)

    def extensions(self) -> list[str]:
        """File name extensions to offer in the file picker (the content decides anyway)."""
        return [ext for key in self.allowed_types for ext in TYPES[key][1]]


def missing_required(rules: EvidenceRules, present) -> tuple[str, ...]:
    """The kinds `require_before_rectified` asks for that are not among `present`."""
    have = set(present)
    return tuple(k for k in rules.require_before_rectified if k not in have)


def display_name(file_name: str | None) -> str:
    """The name a file came with, for display only: no folders, no control or path
    characters, at most NAME_MAX characters (keeping the extension)."""
    name = re.split(r"[\\/]", file_name or "")[-1]
    name = _UNSAFE_NAME.sub("_", name).strip(" ._") or "file"
    if len(name) > NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:10] if dot else ""
        name = (stem if dot else name)[:NAME_MAX - len(ext) - 1] + (f".{ext}" if ext else "")
    return name


def download_name(file_name: str, type_key: str) -> str:
    """The name a file is downloaded under: its display name with the extension of what it
    really is (a JPEG called x.html downloads as x.jpg, so no browser or desktop opens it as
    a web page)."""
    extensions = TYPES[type_key][1]
    stem, dot, ext = file_name.rpartition(".")
    if dot and ext.lower() in extensions:
        return file_name
    return f"{stem if dot and stem else file_name}.{extensions[0]}"
