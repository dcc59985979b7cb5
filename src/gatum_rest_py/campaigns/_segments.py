"""How many parts a text is sent in, and in which encoding (GSM-7 or UCS-2).

GSM 03.38's basic set takes one septet per character, its extension table (`^ { } \\ [ ] ~ | €`
and form feed) two (an escape, then the character). One character outside both switches the
whole message to UCS-2, which counts UTF-16 code units (an emoji takes two). A single part holds
160 septets or 70 units; a longer text is split into parts of 153 septets or 67 units (the
rest carries the concatenation header), and a two-position character is never cut between two
parts, so such a text may need one part more than a plain division says.

    >>> segments("Your OTP is 42488")
    Segments(encoding='GSM-7', parts=1, units=17, first_ucs2=None)
    >>> s = segments("Привіт")
    >>> s.encoding, s.parts, s.first_ucs2, s.first_ucs2_index
    ('UCS-2', 1, 'П', 0)

No module-level cost beyond a few frozensets: `gatum_rest_py.segments` loads this module alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

__all__ = ["GSM_BASIC", "GSM_EXTENDED", "Segments", "replace_lookalikes", "segments"]

GSM_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
"""GSM 03.38 basic character set: one septet each."""

GSM_EXTENDED: Final = frozenset("^{}\\[~]|€\f")
"""GSM 03.38 extension table: an escape and a septet, so two positions each."""

Encoding = Literal["GSM-7", "UCS-2"]

# (single part, per part once split) for each encoding
_LIMITS: Final[dict[str, tuple[int, int]]] = {"GSM-7": (160, 153), "UCS-2": (70, 67)}

# Typographic look-alikes that word processors and phones put in, and the GSM-7 text they stand
# for. Only characters with an unambiguous plain form; letters of other alphabets are left alone.
_LOOKALIKES: Final[dict[int, str]] = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "´": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "…": "...",
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u202f": " ",  # narrow no-break space
        "\u2002": " ",
        "\u2003": " ",
        "\u200b": "",  # zero-width space
        "\u200d": "",  # zero-width joiner
        "\ufeff": "",  # a byte-order mark pasted into the text
        "\t": " ",
        "•": "*",
    }
)


@dataclass(frozen=True)
class Segments:
    """The encoding of a text, its length in that encoding's units and the parts it takes.

    `first_ucs2` is the first character that forced UCS-2 (None for GSM-7); `first_ucs2_index`
    its position in the text.
    """

    encoding: Encoding
    parts: int
    units: int
    first_ucs2: str | None = None
    first_ucs2_index: int | None = None

    def __repr__(self) -> str:
        return (
            f"Segments(encoding={self.encoding!r}, parts={self.parts}, units={self.units}, "
            f"first_ucs2={self.first_ucs2!r})"
        )

    @property
    def per_part(self) -> int:
        """Units one part holds: 160/70 for a single part, 153/67 once split."""
        single, multi = _LIMITS[self.encoding]
        return single if self.parts <= 1 else multi


def segments(text: str) -> Segments:
    """The encoding, length and number of parts of `text` as the platform sends it.

    An empty text takes no part. Example:

        >>> [segments(t).parts for t in ("a" * 160, "a" * 161, "€" * 80, "ї" * 71)]
        [1, 2, 1, 2]
    """
    return Segments(*shape_of(text))


Shape = tuple[Encoding, int, int, "str | None", "int | None"]


def shape_of(text: str) -> Shape:
    """`segments(text)`'s fields as a plain tuple (encoding, parts, units, first_ucs2, its index):
    what the planner uses, 100,000 times, without building an object each time."""
    chars = set(text)
    outside = chars - GSM_BASIC
    if not outside or outside <= GSM_EXTENDED:
        doubles = sum(text.count(ch) for ch in outside)
        return "GSM-7", _parts(text, len(text) + doubles, "GSM-7", bool(doubles)), len(text) + doubles, None, None
    index, first = next((i, ch) for i, ch in enumerate(text) if ch not in GSM_BASIC and ch not in GSM_EXTENDED)
    astral = any(ord(ch) > 0xFFFF for ch in outside)
    units = len(text.encode("utf-16-le")) // 2 if astral else len(text)
    return "UCS-2", _parts(text, units, "UCS-2", astral), units, first, index


def replace_lookalikes(text: str) -> str:
    """`text` with curly quotes, dashes, ellipses and unusual spaces replaced by their GSM-7 forms.

    >>> replace_lookalikes("“Hi” — it’s 5\u00a0€")
    '"Hi" - it\\'s 5 €'
    """
    return text.translate(_LOOKALIKES)


def _parts(text: str, units: int, encoding: str, has_doubles: bool) -> int:
    single, multi = _LIMITS[encoding]
    if units == 0:
        return 0
    if units <= single:
        return 1
    if not has_doubles:
        return -(-units // multi)
    # A two-position character (GSM-7 extension, UCS-2 surrogate pair) is never cut between parts.
    parts, used = 1, 0
    for ch in text:
        width = 2 if (ch in GSM_EXTENDED if encoding == "GSM-7" else ord(ch) > 0xFFFF) else 1
        if used + width > multi:
            parts, used = parts + 1, 0
        used += width
    return parts
