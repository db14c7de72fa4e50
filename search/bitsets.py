"""Sets of document numbers as Python integers: bit ``n`` is set when document ``n`` is in the set.

``&``, ``|``, ``~`` and ``bit_count()`` run in C over whole sets, which is what the reader matches, counts facets
and ranks with (:mod:`search.reader`, :mod:`search.plan`).
"""

from __future__ import annotations

import re

# Bit positions set in each byte value, to turn a bitset back into document numbers.
_BYTE_BITS = [tuple(i for i in range(8) if b >> i & 1) for b in range(256)]


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
    ids = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    for run in _NONZERO.finditer(data):  # the regex skips runs of empty bytes in C: sparse sets cost little
        offset = run.start()
        for i, byte in enumerate(run.group()):
            base = (offset + i) << 3
            ids.extend(base + b for b in _BYTE_BITS[byte])
    return ids


_NONZERO = re.compile(rb"[^\x00]+")
