"""Make Pagefind's bundle byte-identical from build to build.

Pagefind 1.5 writes each filter's values in hash-map order, which changes from run
to run (upstream issue 638: fragments are stable, filter indexes are not), and so
do the names of the filter files and of the metadata file that lists them. The
build's output must be deterministic, so after Pagefind has written the bundle the
filter values are sorted, the files renamed after their new content, and the
references in the metadata file and pagefind-entry.json updated.

The files are gzip'd, start with the signature b"pagefind_dcd" and hold CBOR made of
arrays, text strings and unsigned integers; the few lines below read and write that."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
_META_FILTERS = 3          # position of [[filter name, file hash], ...] in the metadata record


def stabilize(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        renamed = {}
        for path in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
            name, values = _read(path)
            data = _write_record([name, sorted(values, key=lambda v: v[0])])
            new = _name(language, data, 7)
            path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
            renamed[path.stem] = new
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        meta[_META_FILTERS] = sorted([[name, renamed.get(h, h)] for name, h in meta[_META_FILTERS]])
        data = _write_record(meta)
        meta_path.unlink()
        info["hash"] = _name(language, data, 10)
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read_record(path: Path):
    """The record of one bundle file (e.g. a filter: [name, [[value, [page, ...]], ...]])."""
    return _read(path)


def _name(language: str, data: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    value, end = decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError(f"{path.name}: unexpected data after the record")
    return value


def _write_record(value) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), mtime=0)


def decode(data: bytes, pos: int = 0):
    """One CBOR item at `pos` -> (value, next position). Arrays, text, bytes, unsigned ints."""
    major, info = data[pos] >> 5, data[pos] & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR item at byte {pos - 1}")
    if major == 0:
        return arg, pos
    if major in (2, 3):
        chunk = data[pos:pos + arg]
        return (chunk.decode("utf-8") if major == 3 else bytes(chunk)), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large")


def encode(value) -> bytes:
    """The shortest CBOR encoding (what Pagefind's minicbor writes)."""
    if isinstance(value, bool) or value is None:
        raise ValueError("unsupported value")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(encode, value))
    raise ValueError(f"unsupported value {type(value).__name__}")
