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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    s = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", s):
        return False
    if len(s) != _IBAN_LENGTHS.get(s[:2], len(s)):
        return False
    number = "".join(str(int(ch, 36)) for ch in s[4:] + s[:4])
    return int(number) % 97 == 1


_BSN_RE = re.compile(r"(?<![\d.,-])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3})(?![\d]|[.,-]\d)")
_IBAN_RE = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?\b")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# A run of digits, spaces, hyphens and brackets that may hold a phone number; `_phones` picks it apart.
_PHONE_RUN_RE = re.compile(r"(?<![\w+/.,-])(?:\+|00)?\(?\d[\d ()-]{6,24}\d(?![\d]|[/.,-]\d)")
#: every kind needs an @ (e-mail), 'geb' (a birth date) or at least five digits (a postcode with house
#: number has five, the others more): other text is skipped at once
WORTH_A_LOOK = re.compile(r"@|geb|\d(?:\D*\d){4}", re.IGNORECASE)
_SERVICE = ("0800", "0900", "0906", "0909")
_POSTCODE = r"[1-9]\d{3}(?:[ ]?[A-Z]{2}|[a-z]{2})(?<!SA)(?<!SD)(?<!SS)"
_HUISNUMMER = r"\d{1,5}(?:[ ]?[a-zA-Z]\b|-\d{1,4})?"
_ADRES_RE = re.compile(
    rf"\b{_POSTCODE}\b[ ]?,?[ ]?(?:nr\.?[ ]?)?{_HUISNUMMER}(?![\d])"  # 3311 AB 12
    rf"|\b\d{{1,5}}[a-zA-Z]?(?:[ ]?,[ ]?|[ ]+){_POSTCODE}\b"  # Dorpsstraat 12, 3311 AB
)
_MAANDEN = (
    r"jan(?:uari)?|feb(?:ruari)?|mrt|maart|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?|sep(?:t(?:ember)?)?"
    r"|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATUM = (
    rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:\d{{4}}|\d{{2}})(?!\d)"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}(?!\d)"
    rf"|\d{{1,2}}[ -](?:{_MAANDEN})\.?[ -]\d{{4}}(?!\d)"
)
_GEBOREN_RE = re.compile(
    rf"\b(?:geboren|geboortedatum|geb\.?[ ]?datum|geb\.|geb)(?!\w)[:.]?(?:[ ]+(?:op|in|de|d\.d\.|:))*[ ]*(?P<datum>{_DATUM})",
    re.IGNORECASE,
)


def _phone_ok(candidate: str) -> bool:
    if candidate.count("-") > 1 or candidate.count("(") != candidate.count(")"):
        return False  # 01-03-2026 is a date, not a phone number
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
    found: list[Hit] = []
    for m in _GEBOREN_RE.finditer(text):
        found.append(Hit("geboortedatum", m.start("datum"), m.end("datum")))
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
    """A cell value with personal data masked. Numbers are checked for a BSN typed as a number."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and (value != value or not value.is_integer()):
            return value, []
        digits = str(int(value))
        if len(digits) == 9 and elfproef(digits):
            return MASKS["bsn"], ["bsn"]
    return value, []


def describe(kinds: list[str]) -> str:
    """'een BSN', 'een BSN en een e-mailadres', 'een BSN, een IBAN en ...' (Dutch enumeration)."""
    names = [KINDS[k] for k in kinds]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]
