"""Stage 4: put the rendered files on disk, all or nothing."""
