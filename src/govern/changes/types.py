"""Field type changes: widened, narrowed, or changed otherwise.

A consumer that stored the old type can fail on a wider one (an int32 column
receives a value above 2^31), so widening is breaking; a narrower type still
fits what consumers stored, so narrowing is a warning (PRODUCT.md section 3).
"""

from __future__ import annotations

from typing import Literal

from govern.values import FieldType

Direction = Literal["same", "widened", "narrowed", "changed"]

# Integer digits each integral type can hold.
_INT_DIGITS = {"integer": 10, "long": 19}
# A float's 24-bit mantissa does not hold every 32-bit integer (a double's 53
# bits do, but not every long): integer -> float and long -> double are changes.
_ORDER = {("integer", "long"), ("float", "double"), ("integer", "double")}


def _wider(a: FieldType, b: FieldType) -> bool:
    """Whether every value of ``a`` is a value of ``b`` (and ``b`` holds more)."""
    if (a.name, b.name) in _ORDER:
        return True
    if b.name == "decimal" and b.precision is not None and b.scale is not None:
        integral = b.precision - b.scale
        if a.name in _INT_DIGITS:
            return integral >= _INT_DIGITS[a.name]
        if a.name == "decimal" and a.precision is not None and a.scale is not None:
            return b.scale >= a.scale and integral >= a.precision - a.scale and b != a
    return False


def compare(old: FieldType, new: FieldType) -> Direction:
    if old == new:
        return "same"
    if _wider(old, new):
        return "widened"
    if _wider(new, old):
        return "narrowed"
    return "changed"
