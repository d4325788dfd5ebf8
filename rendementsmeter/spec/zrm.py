"""The Zelfredzaamheid-Matrix (ZRM 2017): its life domains and scores, and the optional sheet that
holds a case's scores at the start and at closure."""

from __future__ import annotations

#: Life domains of the Zelfredzaamheid-Matrix (ZRM 2017).
LEEFGEBIEDEN = (
    "financiën",
    "werk en opleiding",
    "tijdsbesteding",
    "huisvesting",
    "huiselijke relaties",
    "geestelijke gezondheid",
    "lichamelijke gezondheid",
    "middelengebruik",
    "basale ADL",
    "instrumentele ADL",
    "sociaal netwerk",
    "maatschappelijke participatie",
    "justitie",
)

#: Scores of the Zelfredzaamheid-Matrix, 1-5, with their meaning.
ZRM_SCORES = (
    (1, "acute problematiek"),
    (2, "niet zelfredzaam"),
    (3, "beperkt zelfredzaam"),
    (4, "voldoende zelfredzaam"),
    (5, "volledig zelfredzaam"),
)

#: The optional sheet with ZRM scores at the start and at closure, one row per life domain.
ZRM_SHEET = "Zelfredzaamheid"
ZRM_HEADERS = ("Leefgebied", "Score bij start", "Score bij afsluiting", "Verandering")
#: Header row of the ZRM table (1-based); the life domains follow in the order of LEEFGEBIEDEN.
ZRM_HEADER_ROW = 4
ZRM_HELP = (
    "Optioneel: hoe zelfredzaam was de cliënt op elk leefgebied bij de start en bij de afsluiting? Kies 1-5 "
    "(Zelfredzaamheid-Matrix): " + ", ".join(f"{s} = {t}" for s, t in ZRM_SCORES) + ". Vul alleen de "
    "leefgebieden in waar de casus over ging."
)
