"""Arithmetic a plan writes out ("Đơn giá: 1.427.000 x 500 HS x 18 = 12.848.519.000 đồng", "27 + 50 = 77 tỷ"),
checked: a result that the figures do not give is pointed out beside the quoted line, with what they give. Staff
drafting a plan want such slips found before signing; a reader asking "tính lại phép nhân này" wants the product.

Pure functions on the passage as written. Only products and sums of two to five figures written with their operator
and "=" in one line; words between a figure and the next operator ("500 HS x 18") are its unit and are skipped.
Why by hand: no library reads Vietnamese number formats (thousands "." and decimal ",") inside running text.
"""

from __future__ import annotations

import re

from assistant.qa.rates import written_number
from assistant.qa.templates import t

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_UNIT = r"(?:\s*[^\W\d_][\w/%]*){0,2}"  # "HS", "triệu", "tỷ đồng", "bộ/trường" after a figure
_TERM = rf"({_NUMBER}){_UNIT}\s*"
_EXPRESSION = re.compile(rf"(?<![\d.,])({_NUMBER}){_UNIT}\s*((?:[x×*+]\s*{_TERM}){{1,4}})=\s*({_NUMBER})(?![\d])")
_OPERATOR = re.compile(rf"([x×*+])\s*({_NUMBER})")


def _shown(value: float) -> str:
    whole, _, part = f"{value:,.2f}".partition(".")
    part = part.rstrip("0")
    return whole.replace(",", ".") + (f",{part}" if part else "")


def arithmetic_slips(text: str) -> list[str]:
    """One note per written product or sum whose stated result the figures do not give (more than half a unit of
    its last digit off); [] when every one checks out or none is written."""
    notes = []
    for m in _EXPRESSION.finditer(text):
        terms = [(None, m.group(1))] + [(o.group(1), o.group(2)) for o in _OPERATOR.finditer(m.group(2))]
        ops = {op for op, _ in terms[1:]}
        if len(ops) != 1:
            continue  # a mixed expression: left alone
        values = [written_number(n) for _, n in terms]
        result = 1.0 if ops <= {"x", "×", "*"} else 0.0
        for v in values:
            result = result * v if ops <= {"x", "×", "*"} else result + v
        written = m.group(m.lastindex or 0)
        decimals = len(written.partition(",")[2])
        if abs(result - written_number(written)) <= 0.5 * 10 ** -decimals:
            continue
        sign = " × " if ops <= {"x", "×", "*"} else " + "
        notes.append(t("arithmetic_slip", expression=sign.join(n for _, n in terms), computed=_shown(result),
                       written=written))
    return notes
