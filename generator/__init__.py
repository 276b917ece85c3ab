"""Static site generator for the weekly bulletin of the provincial People's Committee.

The pipeline has one package per stage:
  content/  read and validate the sources (YAML + Markdown) -> plain records
  model/    build the site model: issues, directives, topics, documents, links
  render/   turn the model into pages (Jinja templates) and feeds
  write/    write the output tree atomically
and `pipeline.py` wires them together. `commands/` holds the CLI commands.
"""
