"""Stage 1: read the sources under content/ and validate them against the content
contract (docs: shared content-format.md). Produces plain records; knows nothing of HTML."""
