"""How a number column was written in a text file (signs, units, separators, decimals), to write made numbers alike."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

_BODY = re.compile(r"\d(?:[\d.,' \u00a0\u202f]*\d)?")  # the digits and separators of one written number
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")
PLAIN = (("", ""), ("-", ""))  # a number written as pandas writes it: nothing around it, a leading minus


@dataclass(frozen=True)
class WrittenNumbers:
    """What stands before and after the digits of a positive and of a negative value ('$' and '' for '$1,100.58';
    '(' and ')' for '(1,234.56)'), the decimal mark and thousands separator as written, the decimals every value
    shows (2 for '12.50'; None when they differ: as few as each value needs), whether whole values were written
    without them ('$1,200' beside '$3.50') and how zero was written where it has no digit (Excel's accounting '$ -')."""

    positive: tuple[str, str]
    negative: tuple[str, str]
    decimal: str = "."
    thousands: str = ""
    places: int | None = None
    bare_whole: bool = False
    zero: str | None = None

    @property
    def plain(self) -> bool:
        """Written as any CSV writer writes numbers: nothing to restore."""
        return (self.positive, self.negative) == PLAIN and not self.thousands and not self.places and not self.zero

    def write(self, numbers: pd.Series) -> pd.Series:
        """The numbers as text in this form; missing values stay missing."""
        values = pd.to_numeric(numbers, errors="coerce").astype(float)
        codes, uniques = pd.factorize(values)  # each distinct value written once
        texts = np.array([self._one(float(v)) for v in uniques] + [None], dtype=object)
        return pd.Series(texts[codes], index=numbers.index, name=numbers.name, dtype=object)

    def example(self, value: float) -> str:
        """The form shown on a value ('written like $1,234.50, negatives like ($1,234.50)' for 1234.5)."""
        positive, negative = self.write(pd.Series([abs(value), -abs(value)])).tolist()
        plain_negative = self.negative == ("-" + self.positive[0].replace("+", "", 1), self.positive[1])
        return f"written like {positive}" + ("" if plain_negative else f", negatives like {negative}")

    def _one(self, value: float) -> str:
        if value == 0 and self.zero:
            return self.zero
        digits = self._digits(abs(value))
        if not digits.strip("0.,' \u00a0\u202f"):  # zero, or a value written as zero: no sign ('-$0.00', '+0.0%')
            before, after = self.positive
            return before.replace("+", "", 1) + digits + after
        before, after = self.negative if value < 0 else self.positive
        return before + digits + after

    def _digits(self, value: float) -> str:
        if self.places is not None and not (self.bare_whole and value % 1 == 0):
            text = f"{value:,.{self.places}f}"
        elif value % 1 == 0 and value < 2**53:
            text = f"{int(value):,}"
        else:
            whole, _, fraction = np.format_float_positional(value, trim="-").partition(".")
            text = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
        return text.translate(str.maketrans({",": self.thousands or None, ".": self.decimal}))


def written_numbers(texts: pd.Series, numbers: pd.Series, decimal: str) -> WrittenNumbers | None:
    """The form the values of a text column read as numbers were written in, from up to 2,000 of its distinct
    values: the commonest text around the digits of positive and of negative ones. None for scientific notation
    (written as numbers are) or where a value's digits cannot be found."""
    pairs = pd.DataFrame({"text": texts, "number": numbers}).dropna().drop_duplicates("text").head(2000)
    around: dict[str, Counter] = {"positive": Counter(), "negative": Counter()}
    places, zeros, thousands = set(), Counter(), ""
    for text, number in zip(pairs["text"].map(lambda v: str(v).strip()), pairs["number"], strict=True):
        if _SCIENTIFIC.search(text):
            return None
        body = _BODY.search(text)
        if body is None:
            if number == 0:
                zeros[text] += 1  # '$ -'
                continue
            return None
        digits = body.group()
        whole, mark, fraction = digits.rpartition(decimal) if decimal in digits else (digits, "", "")
        places.add(len(fraction) if mark else 0)
        thousands = thousands or next((c for c in whole if not c.isdigit()), "")
        around["negative" if number < 0 else "positive"][(text[: body.start()], text[body.end() :])] += 1
    if not around["positive"] and not around["negative"]:
        return None
    positive = _commonest(around["positive"]) or _without_minus(_commonest(around["negative"]))
    negative = _commonest(around["negative"]) or ("-" + positive[0].replace("+", "", 1), positive[1])
    bare_whole = len(places) == 2 and 0 in places  # '$1,200' beside '$3.50': cents only where there are some
    fixed = max(places) if len(places) == 1 or bare_whole else None
    return WrittenNumbers(positive, negative, decimal, thousands, fixed, bare_whole, _commonest(zeros))


def _commonest(counts: Counter):
    return counts.most_common(1)[0][0] if counts else None


def _without_minus(around: tuple[str, str]) -> tuple[str, str]:
    """The positive form of a column written only in negatives: its minus, brackets or trailing minus taken off."""
    before, after = around
    if before.startswith("(") and after.endswith(")"):
        return before[1:], after[:-1]
    if after.endswith("-"):
        return before, after[:-1].rstrip()
    return before.replace("-", "", 1).replace("\u2212", "", 1), after
