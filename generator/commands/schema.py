"""`schema`: write the JSON Schema files of the content format (for editors' tools), and
optionally regenerate the docs' generated tables."""
from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_parser, helptext
from generator.messages import say


def register(sub: argparse._SubParsersAction, lang: str) -> None:
    p = add_parser(sub, "schema", lang)
    p.add_argument("--out", type=Path, default=Path("schemas"), metavar="DIR", help=helptext("schema_out", lang))
    p.add_argument("--docs", type=Path, metavar="DIR", help=helptext("schema_docs", lang))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from generator.content.schema import schema_files     # loaded when run (see import_.py)
    from generator.reference import update_docs

    files = schema_files()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_bytes(text.encode("utf-8"))
    print(say("schema.wrote", args.lang, count=len(files), out=args.out))
    if args.docs:
        for path in update_docs(args.docs):
            print(say("schema.docs", args.lang, path=path))
    return 0
