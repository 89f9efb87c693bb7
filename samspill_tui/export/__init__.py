"""Session summaries: built from a live session or a file snapshot, rendered as Markdown or JSON."""
