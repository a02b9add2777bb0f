"""Money, percentages and counts in a sentence, normalised to `model.Value`: the entry point.

"$200bn" -> 200000000000 USD, "1.41tn yuan" -> 1410000000000 CNY, "12 per cent" -> 12%,
"eight allied countries" -> 8 countries. Each finder lives in a module of its own and is
one regex pass over the text; they share how amounts are written and parsed:

- `amounts`: digits, number words and scales to `Decimal`, ranges, `NumberMention`;
- `money`: amounts with their ISO 4217 currency (`find_money`);
- `percents`: percentages (`find_percents`);
- `counts`: numbers of things, with the noun counted (`find_counts`).
"""

from __future__ import annotations

from .amounts import NumberMention, parse_amount, word_number
from .counts import find_counts
from .money import find_money
from .percents import find_percents

__all__ = [
    "NumberMention", "find_counts", "find_money", "find_percents", "parse_amount", "word_number",
]
