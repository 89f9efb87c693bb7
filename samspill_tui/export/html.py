"""The summary as one self-contained HTML file: printable to A4, charts as inline SVG, no scripts.

The Markdown blocks are rendered by markdown-it-py with raw HTML disabled; the only markup
written here is the page, the charts and the banner, with every text escaped. A
Content-Security-Policy meta tag allows nothing but the page's own stylesheet (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import textwrap
from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from samspill_tui.export.markdown import Banner, Chart, blocks
from samspill_tui.i18n import t
from samspill_tui.session.summary import Summary

_md = MarkdownIt("commonmark", {"html": False}).enable("table")


def _aligned_cell(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """A table cell aligned by a class, not a style attribute (the page's CSP blocks those)."""
    token = tokens[idx]
    style = str(token.attrs.pop("style", ""))
    if style.startswith("text-align:"):
        token.attrSet("class", f"align-{style.removeprefix('text-align:')}")
    return str(self.renderToken(tokens, idx, options, env))


for _cell in ("th_open", "td_open"):
    _md.add_render_rule(_cell, _aligned_cell)

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm; }
:root { color-scheme: light; }
body { font: 11pt/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1f23;
       max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.7em; margin: 0 0 .4em; color: #12355b; }
h2 { font-size: 1.3em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid #c9d3dd;
     color: #12355b; }
h3 { font-size: 1.1em; margin: 1.3em 0 .4em; }
h4, h5 { font-size: 1em; margin: 1em 0 .3em; }
table { border-collapse: collapse; margin: .5em 0 1em; width: 100%; }
th, td { border: 1px solid #c9d3dd; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
td:not(:first-child) { white-space: nowrap; }
.align-right { text-align: right; }
.align-center { text-align: center; }
blockquote { margin: .5em 0; padding: .2em 1em; border-left: 4px solid #c9d3dd; color: #333; }
hr { border: 0; border-top: 1px solid #c9d3dd; margin: 2em 0 1em; }
.draft { display: inline-block; margin: 0 0 1em; padding: .3em .8em; border: 2px solid #a33;
         color: #a33; font-weight: bold; letter-spacing: .03em; }
figure.chart { margin: .5em 0 1em; }
figure.chart svg { width: 100%; max-width: 40em; height: auto; display: block; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
  figure.chart, table, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
""".strip()

WIDTH, LABEL_W, BAR_X, BAR_W = 600, 220, 232, 250
LINE_H, ROW_PAD, WRAP, FONT = 17, 10, 26, 14
BAR, TRACK, INK = "#2f6f9f", "#e3ebf2", "#1b1f23"


def _csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def chart_svg(chart: Chart, label: str) -> str:
    """A horizontal bar chart as inline SVG: a label, a bar and the count and share per row."""
    rows, y = [], 6
    for text, count, share in chart.rows:
        lines = textwrap.wrap(text, WRAP) or [""]
        height = max(len(lines) * LINE_H, 18) + ROW_PAD
        mid = y + height / 2
        first = mid - (len(lines) - 1) * LINE_H / 2 + 5
        spans = "".join(f'<tspan x="{LABEL_W}" y="{first + n * LINE_H:.1f}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        rows.append(
            f'<text text-anchor="end" font-size="{FONT}" fill="{INK}">{spans}</text>'
            f'<rect x="{BAR_X}" y="{mid - 8:.1f}" width="{BAR_W}" height="16" fill="{TRACK}"/>'
            f'<rect class="bar" x="{BAR_X}" y="{mid - 8:.1f}" width="{share * BAR_W:.1f}" height="16" '
            f'fill="{BAR}"/>'
            f'<text x="{BAR_X + BAR_W + 10}" y="{mid + 5:.1f}" font-size="{FONT}" fill="{INK}">'
            f"{count} ({round(share * 100)} %)</text>")
        y += height
    return (f'<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {WIDTH} {y + 6}" width="{WIDTH}" height="{y + 6}" '
            f'aria-label="{escape(label)}" font-family="DejaVu Sans, Arial, sans-serif">'
            f"<title>{escape(label)}</title>{''.join(rows)}</svg></figure>")


_MARGIN_FONT = 'font: 9pt "DejaVu Sans", "Segoe UI", Arial, sans-serif;'  # margin boxes inherit no body font


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(summary: Summary) -> str:
    """The page rules of this document: page numbers, and the draft mark of a referat on every page."""
    lang = summary.lang
    rules = [f"@bottom-right {{ content: {_css_string(t(lang, 'pdf.page') + ' ')} counter(page) "
             f"{_css_string(' ' + t(lang, 'pdf.of') + ' ')} counter(pages); {_MARGIN_FONT} color: #555; }}"]
    if summary.referat:
        rules.append(f"@top-center {{ content: {_css_string(t(lang, 'sum.draft'))}; {_MARGIN_FONT} "
                     "font-weight: bold; color: #a33; }")
    return "@page { " + " ".join(rules) + " }"


def summary_html(summary: Summary) -> str:
    """The whole summary (or referat) as a standalone HTML document."""
    body = []
    for block in blocks(summary):
        if isinstance(block, Chart):
            body.append(chart_svg(block, t(summary.lang, "sum.chart", title=block.title)))
        elif isinstance(block, Banner):
            body.append(f'<p class="draft">{escape(block.text)}</p>')
        else:
            body.append(_md.render(block))
    title = summary.programme_title
    if summary.referat:
        title = t(summary.lang, "sum.referat_title", title=title)
    css = f"{CSS}\n{page_css(summary)}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(summary.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp(css)}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} – {escape(summary.session)}</title>\n"
        f"<style>{css}</style>\n</head>\n<body>\n<main>\n"
        + "".join(body)
        + "</main>\n</body>\n</html>\n"
    )
