"""Personal data in free text: find it, name its kind, mask it. Never echo the value.

Case files describe vulnerable people. A worker is told not to type names, BSN, addresses or birth
dates, but people slip. The reader runs every text cell through `mask` before anything else looks at
it, so every output (workbook, JSON, review and HTML files) only ever sees the masked text.

What is recognised (names cannot be recognised reliably and are not tried):

- BSN: 9 digits (also 4.2.3 or 3 3 3 grouped) that pass the elfproef; a 9-digit number that fails it
  (an amount, a dossier number) is left alone.
- IBAN: country code, check digits and account, valid under mod-97 (with or without spaces).
- E-mail addresses.
- Dutch phone numbers: 10 digits starting with 0 (06 mobile, area codes), or +31 / 0031; one hyphen
  and spaces allowed. Service numbers 0800 / 0900 / 0906 / 0909 are not personal and are left alone.
- Postcode with house number: `3311 AB 12`, `3311AB, 12`, or `12, 3311 AB` (street number first).
- A date of birth: a date (`12-03-1950`, `12/3/50`, `12 maart 1950`, `1950-03-12`) within a few words
  after `geboren`, `geb.`, `geboortedatum` or `geb.datum`.

Before matching, a text is normalised (`normalise`, positions kept): every Unicode space (no-break, narrow
no-break, thin, ideographic, tab, line breaks) becomes one plain space, every dash (en, em, minus, figure,
non-breaking hyphen) a hyphen, zero-width characters and soft hyphens go, and full-width forms become
their plain form. Dots, slashes and hyphens are accepted as separators inside numbers (`06.12.34.56.78`,
`111-222-333`, `NL91-ABNA-...`, `12.03.1950`), and letters match in any case (`nl91abna...`, `3311ab12`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rendementsmeter.core.findings import escape_controls

#: kind -> how a finding names it (Dutch, with article).
KINDS: dict[str, str] = {
    "bsn": "een BSN",
    "iban": "een IBAN (rekeningnummer)",
    "email": "een e-mailadres",
    "telefoon": "een telefoonnummer",
    "adres": "een postcode met huisnummer",
    "geboortedatum": "een geboortedatum",
}

#: kind -> what replaces the value in the text.
MASKS: dict[str, str] = {
    "bsn": "[BSN afgeschermd]",
    "iban": "[IBAN afgeschermd]",
    "email": "[e-mailadres afgeschermd]",
    "telefoon": "[telefoonnummer afgeschermd]",
    "adres": "[adres afgeschermd]",
    "geboortedatum": "[geboortedatum afgeschermd]",
}


@dataclass(frozen=True)
class Hit:
    """Where in a text a piece of personal data sits (the value itself is not kept)."""

    kind: str
    start: int
    end: int


#: characters that are dropped before matching (they are invisible in a spreadsheet)
_INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
#: dashes that are not in Unicode's dash punctuation class (Pd)
_EXTRA_DASHES = frozenset("\u2212\u2043\ufe63\uff0d\u02d7")


@lru_cache(maxsize=1024)
def _plain(ch: str) -> str:
    """How one non-ASCII character is matched: ' ', '-', '' (dropped) or a single character."""
    if ch in _INVISIBLE:
        return ""
    category = unicodedata.category(ch)
    if category == "Zs" or ch in "\t\n\r\v\f\x85\u2028\u2029":
        return " "
    if category == "Pd" or ch in _EXTRA_DASHES:
        return "-"
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def normalise(text: str) -> tuple[str, list[int] | None]:
    """`text` as it is matched, and per character of it the position in `text` it came from (None when
    nothing changed). Runs of spaces become one space."""
    if text.isascii() and "  " not in text and not any(ch in text for ch in "\t\n\r\v\f"):
        return text, None
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        plain = ch if " " < ch < "\x7f" else _plain(ch)
        if not plain or (plain == " " and out and out[-1] == " "):
            continue
        out.append(plain)
        where.append(i)
    return "".join(out), where


def elfproef(digits: str) -> bool:
    """The BSN eleven test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


#: IBAN length per country for the countries a Dutch worker meets; others: 15-34.
_IBAN_LENGTHS = {"NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "LU": 20, "PL": 28, "TR": 26}


def iban_valid(text: str) -> bool:
    """Mod-97 check of an IBAN (spaces allowed, any case)."""
    s = re.sub(r"[\s./-]", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    if len(s) != _IBAN_LENGTHS.get(s[:2], len(s)):
        return False
    number = "".join(str(int(ch, 36)) for ch in s[4:] + s[:4])
    return int(number) % 97 == 1


_SEP = r"[ ./-]"
_BSN_RE = re.compile(
    r"(?<![\d.,-])(\d{9}|\d{4}[ ./-]\d{2}[ ./-]\d{3}|\d{3}[ ./-]\d{3}[ ./-]\d{3}|\d{2}(?:[ ./-]\d{2}){2}[ ./-]\d{3})"
    r"(?![\d]|[.,/-]\d)"
)
_IBAN_RE = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ .-]?[A-Za-z0-9]{4}){2,7}(?:[ .-]?[A-Za-z0-9]{1,3})?\b")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A run of digits, spaces, separators and brackets that may hold a phone number; `_phones` picks it apart.
_PHONE_RUN_RE = re.compile(r"(?<![\w+/.,-])(?:\+|00)?\(?\d[\d ()./-]{6,24}\d(?![\d]|[/.,-]\d)")
#: every kind needs an @ (e-mail), 'geb' (a birth date) or at least five digits (a postcode with house
#: number has five, the others more): other text is skipped at once
WORTH_A_LOOK = re.compile(r"@|\uff20|geb|\d(?:\D*\d){4}", re.IGNORECASE)
_SERVICE = ("0800", "0900", "0906", "0909")
#: two lower-case letters after four digits and a space are more often a word than a postcode
_WORDS = "en|in|op|of|om|te|al|nu|er|je|we|ze|na|ca|is|de|la|tm|uur|per|pm|am|nr|km|kg|keer|ma|di|wo|do|vr|za|zo"
_POSTCODE = (
    rf"[1-9]\d{{3}}(?:[ .-]?[A-Z]{{2}}|[a-zA-Z]{{2}}|[ .-](?!(?i:{_WORDS})\b)[a-zA-Z]{{2}})"
    r"(?<![Ss][Aa])(?<![Ss][Dd])(?<![Ss][Ss])"
)
_HUISNUMMER = r"\d{1,5}(?:[ ]?[a-zA-Z](?![a-zA-Z])|-\d{1,4})?"
_ADRES_RE = re.compile(
    # the house number ends the token: in '7128ba5afc56' (a hash) '5' is followed by more letters
    rf"\b{_POSTCODE}(?![a-zA-Z])[ .-]?,?[ ]?(?:nr\.?[ ]?)?{_HUISNUMMER}(?![\dA-Za-z])"  # 3311 AB 12, 3311ab12
    rf"|\b\d{{1,5}}[a-zA-Z]?(?:[ ]?,[ ]?|[ ]+){_POSTCODE}(?![a-zA-Z])"  # Dorpsstraat 12, 3311 AB
)
_MAANDEN = (
    r"jan(?:uari)?|feb(?:ruari)?|mrt|maart|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?"
    r"|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATUM = (
    r"\d{1,2} ?[-/.] ?\d{1,2} ?[-/.] ?(?:\d{4}|\d{2})(?!\d)"
    r"|\d{4} ?[-/.] ?\d{1,2} ?[-/.] ?\d{1,2}(?!\d)"
    r"|\d{1,2} \d{1,2} \d{4}(?!\d)"
    rf"|\d{{1,2}}[ .-]?(?:{_MAANDEN})\.?[ .-]?\d{{4}}(?!\d)"
)
_GEB = re.compile("geb", re.IGNORECASE)  # every alternative of the pattern below starts so
_GEBOREN_RE = re.compile(
    rf"\b(?:geboren|geboortedatum|geb\.?[ ]?datum|geb\.|geb)(?!\w)[:.]?(?:[ ]*(?:op|in|de|d\.d\.|:))*[ ]*(?P<datum>{_DATUM})",
    re.IGNORECASE,
)
#: three groups that form a date (12-03-1950, 1.3.26): such a run is a date, not a phone number
_DATE_GROUPS = re.compile(r"(?:^|\D)\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)")


def _phone_ok(candidate: str) -> bool:
    if candidate.count("(") != candidate.count(")"):
        return False
    if _DATE_GROUPS.search(candidate) and not re.fullmatch(r"0\d([./-])\d\d(?:\1\d\d){3}", candidate):
        return False  # 01-03-2026 12 is a date and an hour, not a phone number; 06.12.34.56.78 is one
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+31", "0031")):
        digits = "0" + digits[2 if candidate.startswith("+") else 4 :]
        digits = digits.replace("00", "0", 1) if digits.startswith("00") else digits  # +31 (0)6 ...
    if len(digits) != 10 or not digits.startswith("0") or digits.startswith("00"):
        return False
    return not digits.startswith(_SERVICE)


def _phones(text: str) -> list[Hit]:
    """Phone numbers inside digit runs; a run may hold a number plus other figures ('06 12345678 3')."""
    hits = []
    for m in _PHONE_RUN_RE.finditer(text):
        run = m.group()
        starts = [0] + [i + 1 for i, ch in enumerate(run) if ch == " "]
        ends = [i for i, ch in enumerate(run) if ch == " " and i > 0] + [len(run)]
        found = next(
            ((a, b) for a in starts for b in ends if b > a and _phone_ok(run[a:b].strip(" -"))),
            None,
        )
        if found:
            a, b = found
            hits.append(Hit("telefoon", m.start() + a, m.start() + b))
    return hits


def scan(text: str) -> list[Hit]:
    """Every piece of personal data in `text`, in order, without overlaps (the first and longest wins)."""
    if not text or not isinstance(text, str) or not WORTH_A_LOOK.search(text):
        return []
    plain, where = normalise(text)
    hits = _scan(plain)
    if where is None:
        return hits
    return [Hit(h.kind, where[h.start], where[h.end - 1] + 1) for h in hits]


def _scan(text: str) -> list[Hit]:
    found: list[Hit] = []
    if _GEB.search(text):  # (the two patterns are slow to fail on text without the word or the @)
        for m in _GEBOREN_RE.finditer(text):
            found.append(Hit("geboortedatum", m.start("datum"), m.end("datum")))
    if "@" in text:
        for m in _EMAIL_RE.finditer(text):
            found.append(Hit("email", m.start(), m.end()))
    for m in _IBAN_RE.finditer(text):
        if iban_valid(m.group()):
            found.append(Hit("iban", m.start(), m.end()))
    for m in _BSN_RE.finditer(text):
        if elfproef(re.sub(r"\D", "", m.group())):
            found.append(Hit("bsn", m.start(), m.end()))
    found.extend(_phones(text))
    for m in _ADRES_RE.finditer(text):
        found.append(Hit("adres", m.start(), m.end()))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    for hit in found:
        if out and hit.start < out[-1].end:
            continue
        out.append(hit)
    return out


def mask(text: str) -> tuple[str, list[str]]:
    """`text` with every hit replaced by its mask, and the kinds found (each once, in order)."""
    if len(text) <= 1000:  # the template's own texts come back in every file: remembered
        masked, kinds = _mask_remembered(text)
        return masked, list(kinds)
    return _mask(text)


@lru_cache(maxsize=8192)
def _mask_remembered(text: str) -> tuple[str, tuple[str, ...]]:
    masked, kinds = _mask(text)
    return masked, tuple(kinds)


def _mask(text: str) -> tuple[str, list[str]]:
    hits = scan(text)
    if not hits:
        return text, []
    parts = []
    at = 0
    kinds: list[str] = []
    for hit in hits:
        parts.append(text[at : hit.start])
        parts.append(MASKS[hit.kind])
        at = hit.end
        if hit.kind not in kinds:
            kinds.append(hit.kind)
    parts.append(text[at:])
    return "".join(parts), kinds


def mask_value(value: object) -> tuple[object, list[str]]:
    """A cell value with personal data masked. Numbers are checked for a BSN typed as a number, and for
    a mobile number typed as a number (06 12345678 becomes 612345678, 31612345678 with the country code)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (value != value or not value.is_integer()):
            return value, []
        if abs(value) >= 10**15:
            return value, []
        digits = str(abs(int(value)))
        if len(digits) == 9 and elfproef(digits):
            return MASKS["bsn"], ["bsn"]
        if (len(digits) == 9 and digits.startswith("6")) or (len(digits) == 11 and digits.startswith("316")):
            return MASKS["telefoon"], ["telefoon"]
    return value, []


def shown(value: object, limit: int = 60, strip: bool = True) -> str:
    """A cell value as a message may echo it: personal data masked, control characters escaped (a line
    break or NUL cannot forge a line on the terminal or in a log), long texts cut off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 10**15:
        value = int(value)
    masked, _ = mask_value(value)
    if isinstance(masked, float):  # as a Dutch user sees it: 0,75
        text = repr(masked).replace(".", ",")
    else:
        text = str(masked).strip() if strip else str(masked)
    text = escape_controls(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(kinds: list[str]) -> str:
    """'een BSN', 'een BSN en een e-mailadres', 'een BSN, een IBAN en ...' (Dutch enumeration)."""
    names = [KINDS[k] for k in kinds]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


@lru_cache(maxsize=1)
def rules_version() -> str | None:
    """A fingerprint of the rules in this module (a hash of its source and of Python's Unicode version):
    what a remembered mask was made with. Any change to a pattern, to `normalise` or to a mask gives
    another fingerprint, whether or not the tool's version number moved. None when the source cannot
    be read."""
    try:  # with the Unicode tables of this Python (normalise and isprintable follow them)
        return hashlib.sha256(Path(__file__).read_bytes() + unicodedata.unidata_version.encode()).hexdigest()[:16]
    except OSError:
        return None
