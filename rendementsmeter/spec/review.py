"""The review file: sheet names, labels, verdicts and the finding codes of the review step."""

from __future__ import annotations

from rendementsmeter.core.findings import CODES

OORDELEN: tuple[str, ...] = ("akkoord", "aangepast", "afgewezen")
REVIEW_SHEET = "Beoordeling"
UITLEG_SHEET = "Uitleg"
BEOORDELAAR_LABEL = "Beoordelaar (code)"

#: Finding codes of the review step. Registered here so the review works on its own; they belong in
#: findings.CODES (setdefault keeps that harmless once they are there).
REVIEW_CODES = {
    k: CODES[k]
    for k in (
        "beoordeling-onleesbaar",
        "beoordeling-ongeldig",
        "beoordeling-onvolledig",
        "beoordeling-verouderd",
        "beoordeling-casus-ontbreekt",
        "beoordeling-conflict",
        "beoordelaar-ontbreekt",
        "plausibiliteit-ongeldig",
    )
}

#: Signals, in the order the reviewer reads them.
SIGNALEN = {
    "geen-toelichting": "geen toelichting",
    "kans-100": "kans 100%",
    "top-10": "hoogste 10% van de waarde",
    "aantal-afwijkend": "aantal wijkt af van andere casussen",
    "domein": "post past niet bij het domein",
    "dubbeltelling": "mogelijke dubbeltelling",
}
#: How the review workbook marks a line the business case keeps out (a part of a bundle in its case).
DUBBEL_TEKST = "telt niet mee (dubbeltelling)"
