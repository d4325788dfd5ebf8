"""Cell formats and limits shared by every sheet of the case template."""

from __future__ import annotations

from typing import Any

from rendementsmeter.core.output import XLSX_MONEY as MONEY

MAX_MESSAGE = 255  # Excel's limit for an input message
ORANJE = "#F4B183"  # required and still empty


def message(text: str) -> str:
    if len(text) > MAX_MESSAGE:
        raise ValueError(f"input message longer than {MAX_MESSAGE}: {text!r}")
    return text


class Formats:
    def __init__(self, wb: Any):
        base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
        self.title = wb.add_format({**base, "bold": True, "font_size": 16, "font_color": "#1F4E79"})
        self.intro = wb.add_format({**base, "text_wrap": True, "italic": True, "font_color": "#404040"})
        self.privacy = wb.add_format(
            {**base, "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True}
        )
        self.header = wb.add_format(
            {**base, "bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "border": 1, "text_wrap": True}
        )
        self.label = wb.add_format({**base, "bold": True, "border": 1})
        self.required = wb.add_format({**base, "bold": True, "border": 1, "font_color": "#1F4E79"})
        self.input = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "text_wrap": True})
        self.input_date = wb.add_format(
            {**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "num_format": "dd-mm-yyyy", "align": "left"}
        )
        self.input_left = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "align": "left"})
        self.input_num = wb.add_format({**base, "locked": False, "bg_color": "#FFF2CC", "border": 1, "align": "right"})
        self.help = wb.add_format({**base, "text_wrap": True, "font_color": "#595959", "font_size": 9})
        self.calc = wb.add_format({**base, "bg_color": "#F2F2F2", "border": 1, "text_wrap": True})
        self.money = wb.add_format({**base, "bg_color": "#F2F2F2", "border": 1, "num_format": MONEY})
        self.total_label = wb.add_format({**base, "bold": True, "align": "right", "valign": "vcenter"})
        self.total_money = wb.add_format(
            {**base, "bold": True, "border": 2, "num_format": MONEY, "valign": "vcenter", "bg_color": "#DDEBF7"}
        )
        self.count = wb.add_format({**base, "bold": True, "border": 1, "bg_color": "#F2F2F2", "align": "left"})
        self.text = wb.add_format({**base, "text_wrap": True})
        self.bold = wb.add_format({**base, "bold": True})
        self.ex_cell = wb.add_format({**base, "border": 1, "text_wrap": True})
        # conditional formats (only fill, font and border apply)
        self.cf_required = wb.add_format({"bg_color": ORANJE})
        self.cf_mismatch = wb.add_format({"bg_color": ORANJE, "font_color": "#9C0006"})
        self.cf_done = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"})
        self.cf_dubbel = wb.add_format({"font_strikeout": True, "font_color": "#767676", "bg_color": "#EDEDED"})
