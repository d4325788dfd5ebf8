"""The pages and actions of the app, one function per route. Each takes the app and the request's
fields (already past the token and CSRF guards of server.py) and returns an Antwoord."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from rendementsmeter import api
from rendementsmeter.app import pages
from rendementsmeter.app.context import Antwoord, App, tijdelijk_bestand
from rendementsmeter.app.uploads import UploadFout
from rendementsmeter.core.model import AFGEWEZEN
from rendementsmeter.core.money import parse_decimal
from rendementsmeter.core.periode import Periode, PeriodeFout, kwartaal_van, maak_periode
from rendementsmeter.read import privacy
from rendementsmeter.review.model import Oordeel
from rendementsmeter.spec.casus import KANS_REGEL, MAX_AANTAL, kans_waarde
from rendementsmeter.spec.review import OORDELEN

CODE_RE = re.compile(r"^[A-Za-z0-9._-]{1,20}$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Velden = dict[str, str]
#: Files listed on the team lead's page (a page of 100.000 rows helps nobody; the workbook lists all).
MAX_RIJEN = 1000


def _is_code(text: str) -> bool:
    """A short code (letters, digits, . - _), never personal data (a phone number is not a code)."""
    return bool(CODE_RE.match(text)) and not privacy.mask(text)[1]


def status(app: App) -> dict[str, object]:
    """For the page's script: is the folder being read, how far, and which reading is current."""
    app.map.look()
    v = app.map.voortgang
    return {"bezig": v.bezig, "klaar": v.klaar, "totaal": v.totaal, "versie": app.map.stand.versie,
            "tekst": pages.voortgang_tekst(v)}  # fmt: skip


def _reading(app: App, titel: str, pad: str) -> Antwoord | None:
    """The progress page while the folder is being read (or has never been read)."""
    app.map.look()
    if app.map.voortgang.bezig or app.map.stand.versie == 0:
        return app.page(titel, pages.bezig(app.map.voortgang), pad, volg="herlaad")
    return None


def _periode(q: Velden) -> tuple[Periode | None, Velden, str]:
    gekozen = {k: q[k].strip() for k in ("kwartaal", "van", "tot") if q.get(k, "").strip()}
    try:
        return maak_periode(gekozen.get("kwartaal"), gekozen.get("van"), gekozen.get("tot")), gekozen, ""
    except PeriodeFout as exc:
        return None, {}, f"{exc} Alle casussen worden getoond."


def teamleider(app: App, q: Velden) -> Antwoord:
    wacht = _reading(app, "Teamleider: het kwartaal", "/")
    if wacht is not None:
        return wacht
    periode, gekozen, fout = _periode(q)
    bc = app.map.businesscase(periode)
    order = {AFGEWEZEN: 0, "opgenomen": 1, "buiten periode": 2, "overgeslagen": 3}
    rijen = sorted(bc.statussen(), key=lambda rs: order.get(rs[1], 4))
    rijen = rijen[:MAX_RIJEN]  # files with errors first; all of them are in the workbook's Bestanden sheet
    kwartalen = sorted({kwartaal_van(r.case.einddatum) for r in app.map.stand.resultaten
                        if r.case is not None and r.case.einddatum is not None}, reverse=True)  # fmt: skip
    n_reviews = len(app.map.stand.reviews)
    body = pages.teamleider(bc, rijen, bc.status_telling(), kwartalen, gekozen, fout, n_reviews, str(app.map.root))
    return app.page("Teamleider: het kwartaal", body, "/", volg="herlaad")


def rapport(app: App, q: Velden) -> Antwoord:
    periode, _, _ = _periode(q)
    return Antwoord(api.report_html(app.map.businesscase(periode)), headers={"X-Rapport": "1"})


def download_werkmap(app: App, q: Velden) -> Antwoord:
    bc = app.map.businesscase(_periode(q)[0])
    with tijdelijk_bestand("businesscase.xlsx") as path:
        api.write_businesscase(bc, path)
        return Antwoord.bestand(path.read_bytes(), "businesscase.xlsx", XLSX)


def download_rapport(app: App, q: Velden) -> Antwoord:
    bc = app.map.businesscase(_periode(q)[0])
    return Antwoord.bestand(api.report_html(bc).encode("utf-8"), "rapport.html", "text/html; charset=utf-8")


def download_export(app: App, q: Velden) -> Antwoord:
    organisatie, formaat = q.get("organisatie", ""), q.get("formaat", "csv")
    if not _is_code(organisatie) or formaat not in ("csv", "parquet"):
        body = pages.melding("Vul een organisatiecode in (letters, cijfers, . - _).", "fout", "/")
        return app.page("Export", body, "/")
    naam = f"export-{organisatie}.{formaat}"
    with tijdelijk_bestand(naam) as path:
        api.export_of(app.map.stand.resultaten, path, organisatie)
        return Antwoord.bestand(path.read_bytes(), naam, "text/csv" if formaat == "csv" else "application/octet-stream")


def _getal(text: str, low: int, high: int, default: int) -> int | None:
    if not text.strip():
        return default
    return int(text) if text.strip().isdigit() and low <= int(text) <= high else None


def werker(app: App, q: Velden) -> Antwoord:
    return app.page("Sociaal werker: sjabloon en controle", pages.werker(app.sleutel.csrf, {}), "/werker")


def download_sjabloon(app: App, q: Velden) -> Antwoord:
    team, code = q.get("team", "").strip()[:40], q.get("werker", "").strip()
    aantal, vanaf = _getal(q.get("aantal", ""), 1, 50, 1), _getal(q.get("vanaf", ""), 1, 99999, 1)
    if (code and not _is_code(code)) or privacy.mask(team)[1] or aantal is None or vanaf is None:
        body = pages.melding("Gebruik een code (letters, cijfers, . - _), een aantal van 1 tot en met 50 en een "
                             "volgnummer vanaf 1.", "fout", "/werker")  # fmt: skip
        return app.page("Sociaal werker: sjabloon en controle", body, "/werker")
    prefill = {k: v for k, v in (("team", team), ("werker", code)) if v}
    with tijdelijk_bestand("casus.xlsx") as path:
        if aantal == 1 and not code:
            api.write_template(path, app.map.prijslijst, None, prefill)
            return Antwoord.bestand(path.read_bytes(), "casus.xlsx", XLSX)
        written = api.write_templates(path, app.map.prijslijst, aantal, vanaf, None, prefill)
        if len(written) == 1:
            return Antwoord.bestand(written[0].read_bytes(), written[0].name, XLSX)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in written:
                zf.write(p, p.name)
        return Antwoord.bestand(buffer.getvalue(), "sjablonen.zip", "application/zip")


def controleer(app: App, naam: str, data: bytes) -> Antwoord:
    try:
        upload = app.uploads.take(naam, data)
    except UploadFout as exc:
        return Antwoord(pages.melding(str(exc), "fout"), HTTPStatus.UNPROCESSABLE_ENTITY)
    case = upload.resultaat.case
    if case is not None:  # the same Casusnummer in another file of the folder (the same name is a replacement)
        others = [r for r in app.map.stand.resultaten if r.case is not None and Path(r.pad).name != upload.naam]
        found = next(
            (r for r in others if r.case and r.case.casusnummer.casefold() == case.casusnummer.casefold()), None
        )
        upload.dubbel = Path(found.pad).name if found is not None else ""
    return Antwoord(pages.upload_uitslag(upload, app.sleutel.csrf))


def opslaan(app: App, f: Velden) -> Antwoord:
    ident = f.get("id", "")
    upload = app.uploads.get(ident)
    titel = "Sociaal werker: sjabloon en controle"
    doel = f.get("doel", "")
    if upload is not None and upload.dubbel and doel != upload.dubbel:
        # a second file with the same Casusnummer would make both rejected: only replacing that file is offered
        tekst = (f"Casusnummer staat al in de map, in {upload.dubbel}. Vervang dat bestand, of geef deze casus in "
                 "Excel een eigen casusnummer en sleep hem opnieuw hierheen.")  # fmt: skip
        return app.page(titel, pages.melding(tekst, "fout", "/werker"), "/werker")
    if upload is not None and doel and doel != upload.dubbel:
        return app.page(titel, pages.melding("Dit bestand kan niet onder die naam.", "fout", "/werker"), "/werker")
    path, reden = app.uploads.save(ident, f.get("overschrijven") == "1", doel)
    if path is not None:
        app.map.look(force=True)
        shown = doel or (upload.getoond if upload is not None else path.name)
        return app.page(titel, pages.melding(f"Opgeslagen in de map als {shown}.", "ok", "/werker"), "/werker")
    if reden == "bestaat" and upload is not None:
        return app.page(titel, pages.opslaan_form(upload, app.sleutel.csrf, bevestig=True, doel=doel), "/werker")
    tekst = {"buiten": "Deze bestandsnaam kan niet in de map.", "onbekend": "Dit bestand is niet meer bekend; "
             "sleep het opnieuw op de pagina."}.get(reden, "Opslaan lukte niet.")  # fmt: skip
    return app.page(titel, pages.melding(tekst, "fout", "/werker"), "/werker")


def _stempel(path: Path) -> str:
    """Size and modification time of a review workbook ('' when there is none): a page remembers it, so
    that saving never silently replaces a file that changed after the page was opened."""
    try:
        info = path.stat()
    except OSError:
        return ""
    return f"{info.st_size}-{info.st_mtime_ns}"


def _prefill(app: App, code: str, regels: Any) -> tuple[dict[str, Oordeel], int]:
    """The reviewer's saved verdicts on lines that are unchanged since (the same fingerprint), and how
    many saved verdicts belong to lines that changed or left (those are not applied, so not shown)."""
    found = app.map.review_file(code) if code else None
    if found is None:
        return {}, 0
    now = dict(zip(regels["regel_id"], regels["vingerafdruk"], strict=True)) if len(regels) else {}
    kept = {v.regel_id: Oordeel(v.oordeel, v.aantal, v.kans, v.opmerking)
            for v in found.oordelen if now.get(v.regel_id) == v.vingerafdruk}  # fmt: skip
    return kept, len(found.oordelen) - len(kept)


def beoordelaar(app: App, q: Velden) -> Antwoord:
    titel = "Beoordelaar: schattingen nakijken"
    wacht = _reading(app, titel, "/beoordelaar")
    if wacht is not None:
        return wacht
    code = q.get("code", "").strip()
    if code and not _is_code(code):
        return app.page(titel, pages.melding("Gebruik een code (letters, cijfers, . - _), geen naam.", "fout",
                                             "/beoordelaar"), "/beoordelaar")  # fmt: skip
    table = app.map.review_table()
    opgeslagen = app.map.review_path(code).name if code and q.get("opgeslagen") else ""
    oordelen, verouderd = _prefill(app, code, table.regels)
    stempel = _stempel(app.map.review_path(code)) if code else ""
    body = pages.beoordelaar(code, table.regels, oordelen, verouderd, app.map.businesscase(None),
                             app.sleutel.csrf, opgeslagen, stempel)  # fmt: skip
    return app.page(titel, body, "/beoordelaar", volg="meld")


def _oordeel(n: int, oordeel: str, aantal_tekst: str, kans_tekst: str, opmerking: str) -> Oordeel | str:
    """One verdict of the review form by the rules the review reader applies (review/read.py), or a
    Dutch message: a verdict that would not count is refused here rather than saved."""
    where = f"Regel {n}"
    if oordeel not in OORDELEN:
        return f"{where}: kies akkoord, aangepast of afgewezen."
    aantal: Decimal | None = None
    if aantal_tekst:
        aantal, _ = parse_decimal(aantal_tekst)
        if aantal is None or aantal <= 0 or aantal > MAX_AANTAL:
            return f"{where}: het nieuwe aantal is geen getal groter dan 0 en hoogstens {MAX_AANTAL:,}.".replace(
                ",", "."
            )
    kans: int | None = None
    if kans_tekst:
        number, _ = parse_decimal(kans_tekst.rstrip("%").strip())
        kans = kans_waarde(number)
        if kans is None:
            return f"{where}: de nieuwe kans is geen {KANS_REGEL}."
    if oordeel == "aangepast" and aantal is None and kans is None:
        return f"{where}: 'aangepast' zonder nieuw aantal of nieuwe kans; vul er minstens een in, of kies akkoord."
    if oordeel != "aangepast" and (aantal is not None or kans is not None):
        return f"{where}: een nieuw aantal of nieuwe kans hoort bij 'aangepast'; kies dat, of maak de velden leeg."
    _, kinds = privacy.mask(opmerking)
    if kinds:
        return f"{where}: de opmerking bevat {privacy.describe(kinds)}; haal die eruit (geen persoonsgegevens)."
    return Oordeel(oordeel, aantal, kans, opmerking)


def _oordelen(f: Velden) -> dict[str, Oordeel] | str:
    """The verdicts of the review form, or a Dutch message about the first one that cannot be."""
    out: dict[str, Oordeel] = {}
    n_regels = _getal(f.get("regels", ""), 0, 10_000_000, 0) or 0
    for n in range(1, n_regels + 1):
        regel, oordeel = f.get(f"r{n}", ""), f.get(f"o{n}", "")
        if not regel or not oordeel:
            continue
        found = _oordeel(n, oordeel, f.get(f"a{n}", "").strip(), f.get(f"k{n}", "").strip(),
                         f.get(f"m{n}", "").strip()[:1000])  # fmt: skip
        if isinstance(found, str):
            return found
        out[regel] = found
    return out


def beoordeling_opslaan(app: App, f: Velden) -> Antwoord:
    titel = "Beoordelaar: schattingen nakijken"
    code = f.get("code", "").strip()
    if not _is_code(code):
        return app.page(titel, pages.melding("Vul een beoordelaarscode in: letters, cijfers, . - _; geen naam of telefoonnummer.", "fout", "/beoordelaar"),
                        "/beoordelaar")  # fmt: skip
    oordelen = _oordelen(f)
    if isinstance(oordelen, str):
        return app.page(titel, pages.melding(f"{oordelen} Niets opgeslagen.", "fout", "/beoordelaar"),
                        "/beoordelaar")  # fmt: skip
    target = app.map.review_path(code)
    vraag = ""
    if target.exists() and not api.is_review_workbook(target):
        vraag = f"{target.name} staat al in de map maar is niet als beoordeling te lezen. Vervangen?"
    elif f.get("stempel", "") != _stempel(target):
        vraag = (f"{target.name} is veranderd sinds u deze pagina opende (bijvoorbeeld in Excel of in een ander "
                 "venster). Vervangen door wat u hier invulde? Wat daar veranderde, gaat dan verloren.")  # fmt: skip
    if vraag and f.get("overschrijven") != "1":
        body = pages.bevestig(vraag, "/beoordelaar/opslaan", {**f, "overschrijven": "1"}, "Vervangen", "/beoordelaar")
        return app.page(titel, body, "/beoordelaar")
    api.write_review(app.map.review_table(), target, code, oordelen)
    app.map.look(force=True)
    return Antwoord.naar("/beoordelaar?" + urlencode({"code": code, "opgeslagen": "1"}))


GET: dict[str, Callable[[App, Velden], Antwoord]] = {
    "/": teamleider,
    "/rapport": rapport,
    "/werker": werker,
    "/beoordelaar": beoordelaar,
    "/download/businesscase.xlsx": download_werkmap,
    "/download/rapport.html": download_rapport,
    "/download/export": download_export,
    "/download/sjabloon": download_sjabloon,
}
POST: dict[str, Callable[[App, Velden], Antwoord]] = {
    "/werker/opslaan": opslaan,
    "/beoordelaar/opslaan": beoordeling_opslaan,
}
