"""Stage 2: the site model. Plain dataclasses (entities.py) assembled from the
validated sources (build.py) plus the indexes that tie them together."""
