"""Session summaries and referats: built from a live session or a file snapshot, rendered as
Markdown, HTML, CSV or JSON; listing and deleting stored sessions."""
