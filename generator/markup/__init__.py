"""Markdown bodies -> sanitized HTML: one body pipeline shared by the checker (content/,
which reports what sanitizing removed) and the renderer, so `check` accepts exactly what
`build` publishes. Below both stages; imports no other stage."""
