"""A pooled export keeps its lines in columns (core.model.LineColumns): every exported case's lines are a
LineSlice into them, and pricing takes the columns as they are. The same lines held as Line lists give
exactly the same input frame, double-count findings and business case."""

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from rendementsmeter import build_businesscase, load_prijslijst, read_cases
from rendementsmeter.core.model import Line, LineSlice
from rendementsmeter.pricing.price import case_lines
from rendementsmeter.pricing.rules import bundle_rules, load_plausibiliteit, mark_results
from rendementsmeter.read.export import export_frame, read_export, write_export

from conftest import VANDAAG

VOORBEELD = Path(__file__).parents[1] / "cases" / "voorbeeld"
KEY = bytes(range(32))


@pytest.fixture(scope="module")
def pooled(tmp_path_factory):
    """(price list, the example cases read from their files, the same cases read back from an export
    in which one case has an unknown code in its third line)."""
    pl = load_prijslijst()
    files = read_cases([VOORBEELD], pl, vandaag=VANDAAG)
    frame = export_frame(files, "ORG", KEY)
    first = sorted(frame["casus_id"])[0]  # the first case of the export once read (sorted by id)
    rows = frame.index[frame["casus_id"] == first]
    frame.loc[rows[2], "code"] = "GEEN-POST"
    path = write_export(frame, tmp_path_factory.mktemp("export") / "export.parquet")
    return pl, files, read_export(path, set(pl.items))


def as_lists(results):
    """The same results, each case's lines made into a plain list of Line tuples."""
    return [replace(r, case=replace(r.case, lines=list(r.case.lines)), findings=list(r.findings)) for r in results]


def test_exported_lines_are_slices_that_behave_as_line_lists(pooled):
    _, _, exported = pooled
    case = exported[0].case
    assert isinstance(case.lines, LineSlice)
    lines = list(case.lines)
    assert len(case.lines) == len(lines) > 2 and all(isinstance(x, Line) for x in lines)
    assert case.lines[0] == lines[0] and case.lines[-1] == lines[-1] and case.lines[1:3] == lines[1:3]
    assert case.lines == lines and lines == case.lines
    assert case.lines[-2] == lines[-2] and case.lines != tuple(lines) and case.lines != ""
    with pytest.raises(IndexError):
        case.lines[len(lines)]
    # the unknown code in the third line is left out, and the lines after it keep their numbers
    assert [x.rij for x in lines][:3] == [1, 2, 4] and lines[2].cel == "regel 4"
    assert [(f.code, f.cel) for f in exported[0].findings] == [("post-onbekend", "regel 3")]
    assert exported[0].status == "afgewezen"


def test_pricing_takes_the_columns_as_the_rows_would_give_them(pooled):
    _, files, exported = pooled
    cases = [r.case for r in exported]
    assert_frame_equal(case_lines(cases), case_lines([r.case for r in as_lists(exported)]))
    # a batch of case files and exports mixed: the frame keeps the order of the cases
    mixed = [files[0].case, *cases[:4], files[1].case, *cases[4:]]
    listed = [files[0].case, *[r.case for r in as_lists(exported)][:4], files[1].case,
              *[r.case for r in as_lists(exported)][4:]]  # fmt: skip
    assert_frame_equal(case_lines(mixed), case_lines(listed))
    # the runs' columns joined make the frame that joining the runs' frames would make
    runs = [[files[0].case], cases[:4], [files[1].case], cases[4:]]
    assert_frame_equal(case_lines(mixed), pd.concat([case_lines(r) for r in runs], ignore_index=True))
    assert len(case_lines([])) == 0 and list(case_lines([]).columns) == list(case_lines(cases).columns)


def test_two_exports_are_joined_through_their_distinct_values(pooled, tmp_path):
    pl, files, exported = pooled
    other = read_export(write_export(export_frame(files[3:9], "ORG2", KEY), tmp_path / "ander.parquet"), set(pl.items))
    assert other[0].case.lines.columns is not exported[0].case.lines.columns  # two runs of columns
    both = [r.case for r in exported] + [r.case for r in other]
    listed = [r.case for r in as_lists(exported)] + [r.case for r in as_lists(other)]
    assert_frame_equal(case_lines(both), case_lines(listed))
    frame = case_lines(both)
    assert frame["kans"].dtype == "Int64" and frame["aandeel"].dtype == "int64" and frame["code"].dtype == object
    assert frame["kans"].isna().any() and frame["kans"].notna().any()  # no kans on costs, a kans on avoided care
    # three runs, a run of case files between the exports
    mixed = [*both[:2], files[0].case, *both[2:]]
    assert_frame_equal(case_lines(mixed), case_lines([*listed[:2], files[0].case, *listed[2:]]))


def test_double_counting_and_the_business_case_are_the_same(pooled):
    pl, _, exported = pooled
    columns, lists = as_lists(exported), as_lists(exported)
    for r in lists:
        assert not isinstance(r.case.lines, LineSlice)
    rules = bundle_rules(load_plausibiliteit())
    mark_results(columns, rules)
    mark_results(lists, rules)
    assert [r.findings for r in columns] == [r.findings for r in lists]
    assert any(f.code == "dubbeltelling" for r in columns for f in r.findings)
    a, b = build_businesscase(exported, pl).to_dict(), build_businesscase(as_lists(exported), pl).to_dict()
    assert a == b and a["casussen"] == len(exported) - 1 and a["dubbeltelling"]["regels"] > 0
    assert pd.Series([r.status for r in exported]).value_counts().to_dict() == {"opgenomen": len(exported) - 1,
                                                                                 "afgewezen": 1}  # fmt: skip


def test_double_counting_after_review_is_the_same(pooled):
    """With `present` (the avoided lines still counted after a review) too: drop every other line."""
    _, _, exported = pooled
    columns, lists = as_lists(exported), as_lists(exported)
    present = {(r.pad, x.blad, x.rij) for r in lists for x in r.case.lines if x.kind == "vermeden" and x.rij % 2}
    rules = bundle_rules(load_plausibiliteit())
    mark_results(columns, rules, present)
    mark_results(lists, rules, present)
    assert [r.findings for r in columns] == [r.findings for r in lists]


def test_a_pooled_workbook_shows_its_case_numbers_whole(pooled, tmp_path):
    """A pool's case numbers (organisation and a 16-character pseudonym) fit their column on Per casus and
    Bestanden; case numbers of files keep the usual width."""
    import openpyxl

    from rendementsmeter.api import write_businesscase

    pl, files, exported = pooled
    widths = {}
    for name, results in (("pool", exported), ("files", files)):
        path = write_businesscase(build_businesscase(results, pl), tmp_path / f"{name}.xlsx")
        wb = openpyxl.load_workbook(path)
        widths[name] = (wb["Per casus"].column_dimensions["A"].width, wb["Bestanden"].column_dimensions["D"].width)
    longest = max(len(r.case.casusnummer) for r in exported)
    assert longest == len("ORG/") + 16
    assert all(w >= longest for w in widths["pool"]), widths
    assert all(w < longest for w in widths["files"]), widths


def test_a_line_without_a_code_is_refused_never_priced_as_another(pooled):
    """Pricing takes each item by position; a line whose code is missing must not take another code's."""
    from rendementsmeter.pricing.price import price_lines

    pl, files, _ = pooled
    lines = case_lines([r.case for r in files])
    lines.loc[3, "code"] = None
    with pytest.raises((KeyError, TypeError)):
        price_lines(lines, pl, pl.peil(None))


def test_a_kans_out_of_range_on_a_line_left_out_never_reaches_pricing(pooled, tmp_path):
    """A kans of 1e19 is refused when read (kans-ongeldig); only the values of kept lines are typed."""
    pl, files, _ = pooled
    frame = export_frame(files, "ORG", KEY)
    frame["kans"] = frame["kans"].astype("Float64")
    frame.loc[frame.index[frame["regelsoort"] == "vermeden"][0], "kans"] = 1e19
    read = read_export(write_export(frame, tmp_path / "e.parquet"), set(pl.items))
    assert [f.code for r in read for f in r.findings] == ["kans-ongeldig"]
    assert len(case_lines([r.case for r in read if r.case])) == len(frame) - 1
    build_businesscase(read, pl)
