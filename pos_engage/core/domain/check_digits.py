"""Check digits of the numbers a customer brings: Luhn (ISO/IEC 7812: payment and many loyalty cards, the Swedish
personnummer) and GS1's modulo 10 (EAN-13, EAN-8, UPC-A, GTIN-14: product barcodes and EAN-style cards)."""

from __future__ import annotations

GS1_LENGTHS = (8, 12, 13, 14)   # EAN-8, UPC-A, EAN-13, GTIN-14


def luhn_ok(digits: str) -> bool:
    """Every second digit from the right doubled (its digits summed), the total a multiple of 10."""
    if not digits.isdigit():
        return False
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def gs1_ok(digits: str) -> bool:
    """GS1's check digit: weights 3 and 1 from the right (the check digit itself not counted), total + check a
    multiple of 10. Any length; a product barcode is one of ``GS1_LENGTHS``."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def is_gs1_product_code(digits: str) -> bool:
    """True for an EAN-13, EAN-8, UPC-A or GTIN-14 with a valid check digit: what a product's barcode reads as."""
    return len(digits) in GS1_LENGTHS and gs1_ok(digits)
