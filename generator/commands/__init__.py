"""One module per CLI command. Each defines `register(subparsers)` which adds its
sub-parser and sets `func` to a callable taking the parsed args and returning an exit code."""
