"""What the importer tells an editor to review: a catalog code and its values.

A `Note` is the Vietnamese text itself (a str, so the import's results and the files it
writes stay as they were) that also remembers its code, so `import --lang en` can word
the summary and the `# review:` comments in English (generator/locale/messages.*.yaml)."""
from __future__ import annotations

from typing import Any

from generator import messages


class Note(str):
    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> "Note":
        note = super().__new__(cls, messages.text(code, **params))
        note.code, note.params = code, params
        return note

    def localized(self, lang: str) -> str:
        return messages.text(self.code, "message", lang, **self.params)


def localized(text: str, lang: str) -> str:
    """A note or warning in `lang`; a plain string (already worded by its caller) as it is."""
    return text.localized(lang) if isinstance(text, Note) else text
