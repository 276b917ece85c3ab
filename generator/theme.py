"""Where the files shipped with the generator live, and which templates a site uses.

In a checkout they are the top-level templates/ and content/ (the design card keeps them
there); an installed package carries them as generator/theme and generator/starter
(mapped by setup.py). A site restyles itself with a templates/ folder next to its
content/ (as a Hugo or Pelican theme): a file there replaces the packaged file of the
same name, every other file comes from the package."""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent
STARTER_FILES = ("site.yaml", "topics.yaml")


def default_templates() -> Path:
    installed = PACKAGE / "theme"
    return installed if installed.is_dir() else CHECKOUT / "templates"


def starter() -> Path:
    """The folder holding the starter site.yaml and topics.yaml for a new content folder."""
    installed = PACKAGE / "starter"
    return installed if installed.is_dir() else CHECKOUT / "content"


def template_folders(content: Path, templates: Path | None = None) -> list[Path]:
    """The templates to render with, first match wins: `templates` if given, else the
    site's own templates/ beside `content`, then always the packaged ones."""
    default = default_templates()
    own = templates if templates is not None else content.parent / "templates"
    if own.is_dir() and own.resolve() != default.resolve():
        return [own, default]
    return [default]
