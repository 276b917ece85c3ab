"""`schema`: write the JSON Schema files of the content format (for editors' tools), and
optionally regenerate the docs' generated tables."""
from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.options import add_lang
from generator.content.schema import schema_files
from generator.messages import say
from generator.reference import update_docs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema", help="write JSON Schema files for the content format (editor completion and inline errors)",
        description="Write directive, bulletin, site and topics JSON Schemas (draft 2020-12), generated from "
                    "the one declaration of the content format (generator/content/format.py). "
                    "With --docs, also regenerate the field and error-code tables in the docs.\n"
                    "Ghi các tệp JSON Schema của định dạng nội dung, để trình soạn thảo gợi ý và báo lỗi.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=Path("schemas"), metavar="DIR",
                   help="where to write the *.schema.json files (default: schemas)")
    p.add_argument("--docs", type=Path, metavar="DIR",
                   help="also rewrite the generated tables in DIR/content-format.md and DIR/error-codes.md")
    add_lang(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    files = schema_files()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_bytes(text.encode("utf-8"))
    print(say("schema.wrote", args.lang, count=len(files), out=args.out))
    if args.docs:
        for path in update_docs(args.docs):
            print(say("schema.docs", args.lang, path=path))
    return 0
