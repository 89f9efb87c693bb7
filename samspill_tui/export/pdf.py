"""The summary as a PDF: the HTML export laid out on A4 by WeasyPrint.

The stylesheet of the HTML export already holds what print needs (A4, page numbers, headings
kept with their charts and tables, the draft mark of a referat on every page); WeasyPrint
applies its print rules. WeasyPrint loads Pango from the system when it is imported; where
Pango is missing, :class:`PdfUnavailable` says in Norwegian what to install, and the other
formats are not affected (this module is imported only to make a PDF).
"""

from __future__ import annotations

import logging
import re

from samspill_tui.export.html import summary_html
from samspill_tui.i18n import t
from samspill_tui.session.summary import Summary


class PdfUnavailable(RuntimeError):
    """A system library WeasyPrint needs is missing; the message names what to install."""

    def __init__(self, lang: str, library: str) -> None:
        super().__init__(t(lang, "pdf.missing", lib=library))
        self.library = library


def missing_library(error: OSError) -> str:
    """The library a failed load names (``cannot load library 'libpango-1.0-0'``), else Pango."""
    found = re.search(r"library '([^']+)'", str(error))
    return found[1] if found else "Pango"


def summary_pdf(summary: Summary) -> bytes:
    """The whole summary (or referat) as an A4 PDF document."""
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango (or one of its libraries) is not installed
        raise PdfUnavailable(summary.lang, missing_library(exc)) from exc
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # it warns about the CSP meta tag
    pdf: bytes = HTML(string=summary_html(summary)).write_pdf()
    return pdf
