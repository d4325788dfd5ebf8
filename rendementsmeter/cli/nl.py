"""Dutch for click's own messages (usage, errors, help headings).

click marks its texts for gettext (`from gettext import gettext as _`) but ships no Dutch
catalogue; users here read Dutch only. We point click's `_`/`ngettext` names at this table.
Anything not in the table stays as click wrote it.
"""

from __future__ import annotations

import click

NL = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "Error: {message}": "Fout: {message}",
    "Aborted!": "Afgebroken.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Missing command.": "Geef een opdracht.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "Option {name!r} does not take a value.": "Optie {name!r} krijgt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} heeft {nargs} waarden nodig.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} mag niet gelezen worden.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} mag niet beschreven worden.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "integer": "geheel getal",
    "file": "Bestand",
    "directory": "Map",
    "path": "Pad",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
}


def _(message: str) -> str:
    return NL.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _(singular if n == 1 else plural)


def install() -> None:
    """Point click's message functions at the Dutch table (idempotent)."""
    import importlib

    for name in ("core", "exceptions", "types", "parser", "decorators", "formatting", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    assert click  # the package is imported before its modules are patched
