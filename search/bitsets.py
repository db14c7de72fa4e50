"""Sets of document numbers as Python integers: bit ``n`` is set when document ``n`` is in the set; and columns
of facet values, one entry per document.

``&``, ``|``, ``~`` and ``bit_count()`` run in C over whole sets, which is what the reader matches and ranks with
(:mod:`search.reader`, :mod:`search.trees`). Counting a facet's values on a set of matches is either one ``&`` per
value (cheap for a few values) or one look-up per matched document in the facet's column (cheap for few matches,
whatever the number of values); the reader picks by the numbers (``IndexView.counts``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from itertools import compress

# Each byte value spread over 8 bytes, one per bit (0 or 1): a bitset becomes one byte per document.
_BYTE_FLAGS = [bytes(b >> i & 1 for i in range(8)) for b in range(256)]
_ONE = re.compile(rb"\x01")
#: How bits_to_ids reads a set, by its density (measured on 125k-bit sets): below one document in 32, the bits of
#: its non-zero 64-bit words (found by ``itertools.compress`` in C; 0.1 ms for 20 documents, 0.5 ms for 1,000,
#: where a regex skipping zero bytes took 0.35 and 1.1 ms); up to one in 8, a regex finding the ones in the set
#: spread one byte per document (1.6 ms for 8,600 documents); beyond, ``compress`` over those bytes (4–6 ms for
#: 125k documents, where the regex took 20–25 ms).
SPARSE, DENSE = 32, 8


def ids_to_bits(ids, size: int) -> int:
    """Return the bitset (a Python int) of document numbers ``ids``.

    >>> bin(ids_to_bits([0, 3], 4))
    '0b1001'
    """
    buffer = bytearray((size + 7) // 8 or 1)
    for i in ids:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def bits_to_ids(bits: int) -> list[int]:
    """Return the document numbers set in ``bits``, in order.

    >>> bits_to_ids(0b1001)
    [0, 3]
    """
    count, width = bits.bit_count(), bits.bit_length()
    if count * SPARSE < width:
        words = memoryview(bits.to_bytes((width + 63) // 64 * 8, sys.byteorder)).cast("Q")
        ids = []
        for i in compress(range(len(words)), words):
            word, base = words[i], i << 6
            while word:
                lowest = word & -word
                ids.append(base + lowest.bit_length() - 1)
                word ^= lowest
        return ids
    flags = b"".join(map(_BYTE_FLAGS.__getitem__, bits.to_bytes((width + 7) // 8, "little")))
    if count * DENSE >= len(flags):
        return list(compress(range(len(flags)), flags))
    return [found.start() for found in _ONE.finditer(flags)]


def bits_to_column(bitsets: dict[int, int], size: int) -> list:
    """Return the column of ``size`` documents that the bitsets of numbered values describe.

    Entry ``n`` is None when document ``n`` holds no value, the value's number when it holds one, and the
    tuple of its values' numbers when it holds several (one tuple object for all the documents that hold the
    same ones).

    >>> bits_to_column({0: 0b0011, 1: 0b0110}, 4)
    [0, (0, 1), 1, None]
    """
    return ids_to_column({number: bits_to_ids(bits) for number, bits in bitsets.items()}, size)


def ids_to_column(ids: dict[int, Iterable[int]], size: int) -> list:
    """Return the column (as :func:`bits_to_column` makes it) of ``size`` documents where value ``number`` is held
    by the documents ``ids[number]``.

    >>> ids_to_column({0: [0, 1], 1: [1, 2]}, 4)
    [0, (0, 1), 1, None]
    """
    column: list = [None] * size
    several = []
    for number, docnums in ids.items():
        for docnum in docnums:
            held = column[docnum]
            if held is None:
                column[docnum] = number
            else:
                if type(held) is not tuple:
                    several.append(docnum)
                    held = (held,)
                column[docnum] = held + (number,)
    shared: dict[tuple, tuple] = {}
    for docnum in several:
        column[docnum] = shared.setdefault(column[docnum], column[docnum])
    return column


def renumber_column(column: list, numbers: list[int]) -> list:
    """Return ``column`` with each value number ``n`` replaced by ``numbers[n]`` (one tuple object for all the
    documents that hold the same values, as before).

    >>> renumber_column([0, (0, 1), 1, None], [7, 3])
    [7, (7, 3), 3, None]
    """
    shared: dict[tuple, tuple] = {}

    def renumbered(held: tuple) -> tuple:
        if (found := shared.get(held)) is None:
            found = shared[held] = tuple(numbers[number] for number in held)
        return found

    return [held if held is None else numbers[held] if type(held) is int else renumbered(held) for held in column]


def column_to_bits(column: list) -> dict[int, int]:
    """Return the bitset of each value number of a column (the inverse of :func:`bits_to_column`).

    >>> column_to_bits([0, (0, 1), 1, None]) == {0: 0b0011, 1: 0b0110}
    True
    """
    ids: dict[int, list[int]] = {}
    for docnum, held in enumerate(column):
        if held is not None:
            for number in held if type(held) is tuple else (held,):
                ids.setdefault(number, []).append(docnum)
    return {number: ids_to_bits(found, len(column)) for number, found in ids.items()}


def count_column(column: list, ids) -> Counter:
    """Return how many of the documents ``ids`` hold each value number of ``column`` (none: left out).

    The documents are counted by entry in C (``Counter``), then the counts of the tuples that documents holding
    several values share are spread over their values.

    >>> dict(count_column([0, (0, 1), 1, None], [0, 1, 3]))
    {0: 2, 1: 1}
    """
    counts = Counter(map(column.__getitem__, ids))
    counts.pop(None, None)
    for held in [held for held in counts if type(held) is tuple]:
        found = counts.pop(held)
        for number in held:
            counts[number] += found
    return counts
