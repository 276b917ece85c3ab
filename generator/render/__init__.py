"""Stage 3: turn the site model into output files (pages, feeds, assets).

Every renderer is a pure function of the model: it returns {output path: bytes}
and writes nothing, so a failed render leaves output/ untouched and the same
model always gives the same bytes."""
