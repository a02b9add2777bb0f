"""The one guarded loader for JSON files we did not just write (notes, reading state).

`json.loads` lets much more than `json.JSONDecodeError` escape: a deeply nested
file raises RecursionError, a 5000-digit number ValueError, `1e400` parses to
`inf` (and `int(inf)` then raises OverflowError), undecodable bytes raise
UnicodeDecodeError, and a FIFO in place of the file blocks the read forever.
`load_json` turns every one of those, and a document of the wrong shape, into a
single `BadJSONFile` naming the file, so callers catch one domain error.

It also repairs what JSON allows but a UTF-8 file or terminal cannot carry: a
lone surrogate escape (`"\\udcff"`) in any string becomes U+FFFD.
"""

from __future__ import annotations

import json
import math
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Far deeper than anything we write (the notes file is 5 levels), far below
# Python's recursion limit, so walking or re-saving a loaded document never recurses too far.
MAX_DEPTH = 32

_SURROGATE = re.compile("[\ud800-\udfff]")
# Only a `\uD800`-`\uDFFF` escape puts a surrogate in decoded JSON (raw UTF-8 cannot).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
REPLACEMENT = "\ufffd"

Check = Callable[[Any], str | None]


class BadJSONFile(ValueError):
    """A JSON file that cannot be used; `reason` is one short line, `str()` names the file."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def unsurrogate(text: str) -> str:
    """Lone surrogates (from a `\\udcXX` escape or a non-UTF-8 file name) -> U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, refusing anything but a regular file (a FIFO would block).

    Raises OSError as the file system reports it (FileNotFoundError included),
    and `BadJSONFile` for a FIFO, device or folder.
    """
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise BadJSONFile(path, "not a regular file")
    return path.read_bytes()


def parse_json(raw: bytes, path: Path | str, check: Check | None = None) -> Any:
    """Decode `raw` (the content of `path`) or raise `BadJSONFile`; never anything else.

    `check(data)` returns None when the document has the shape the caller needs,
    else a short reason. Empty input is the caller's business: it is invalid JSON here.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadJSONFile(path, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise BadJSONFile(path, f"invalid JSON at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise BadJSONFile(path, "nested too deeply") from None
    except _NumberError as exc:
        raise BadJSONFile(path, str(exc)) from None
    except (ValueError, OverflowError):  # an integer past Python's 4300-digit limit
        raise BadJSONFile(path, "a number too long to read") from None
    _check_depth(data, path)
    if _SURROGATE_ESCAPE.search(text):
        data = _fix_surrogates(data)
    if check is not None:
        try:
            reason = check(data)
        except (TypeError, ValueError, OverflowError, AttributeError, KeyError) as exc:
            reason = f"unexpected content ({_one_line(str(exc))})"
        if reason is not None:
            raise BadJSONFile(path, reason)
    return data


def load_json(path: Path, check: Check | None = None) -> Any:
    """Read and decode a JSON file: OSError as the file system reports it, else `BadJSONFile`."""
    return parse_json(read_regular(path), path, check)


class _NumberError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NumberError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NumberError(f"number out of range: {text[:40]}")
    return value


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def _check_depth(data: Any, path: Path | str) -> None:
    """Refuse nesting past MAX_DEPTH. Iterative, so a document just under the parser's own
    limit cannot overflow the stack here; only containers are pushed (json makes plain
    dicts and lists), so a 10,000-note file costs about half its parse time."""
    if type(data) is not dict and type(data) is not list:
        return
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        if depth > MAX_DEPTH:
            raise BadJSONFile(path, f"nested more than {MAX_DEPTH} levels deep")
        deeper = depth + 1
        for value in node.values() if type(node) is dict else node:
            if type(value) is dict or type(value) is list:
                push((value, deeper))


def _fix_surrogates(data: Any) -> Any:
    """Every string and key with a lone surrogate rebuilt with U+FFFD (depth already checked)."""
    if isinstance(data, str):
        return unsurrogate(data)
    if isinstance(data, dict):
        return {unsurrogate(k): _fix_surrogates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_fix_surrogates(v) for v in data]
    return data
