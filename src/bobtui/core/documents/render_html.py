"""The summary as one self-contained HTML page: no external files, with a print stylesheet.

Every text is printed through :func:`~bobtui.core.domain.text.xml_text` (control characters
removed, markup escaped); the printed page margins quote theirs as CSS strings (``_css_string``).
"""

import base64
from collections.abc import Iterator
from typing import assert_never

from bobtui.core.documents.blocks import (
    Block,
    Bullets,
    Chart,
    Facts,
    Handout,
    Subheading,
    Table,
    Text,
    score_text,
)
from bobtui.core.domain.text import printable, xml_text

_HEAD = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
"""

_STYLE = """:root { --ink: #1a1a1a; --muted: #5b5b5b; --line: #c8c8c8; --accent: #0b5394; --mark: #fff3cd; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; color: var(--accent); margin: 0.5rem 0; }
h2 { font-size: 1.25rem; color: var(--accent); border-bottom: 1px solid var(--line);
     padding-bottom: 0.2rem; margin-top: 1.8rem; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 0.4rem; }
.confidential { font-weight: 600; }
.profile, .muted { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.6rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ul { margin: 0.3rem 0; padding-left: 1.3rem; }
li .by { color: var(--muted); font-style: italic; }
.secret { background: var(--mark); padding: 0 0.25rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.95em; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.2rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
thead th { background: #eef3f8; }
figure.chart { margin: 0.5rem 0; max-width: 40rem; }
figure.chart svg { width: 100%; height: auto; }
figure.chart .grid { stroke: var(--line); stroke-width: 1; }
figure.chart .line { fill: none; stroke: var(--accent); stroke-width: 2.5; }
figure.chart .dot { fill: var(--accent); }
figure.chart .axis { font-size: 11px; fill: var(--muted); }
figure.chart .value { font-size: 12px; font-weight: 600; fill: var(--ink); }
figcaption { color: var(--muted); font-size: 0.9em; }
.banner { font-weight: 700; padding: 0.4rem 0.6rem; margin: 0 0 0.4rem; border: 2px solid; }
.banner.concept { color: #7a4b00; background: #fff3cd; border-color: #c98a00; }
.banner.secret { color: #fff; background: #a4161a; border-color: #a4161a; }
.sender { display: flex; align-items: center; gap: 0.8rem; color: var(--muted); font-weight: 600; }
.sender img { height: 1.5cm; width: auto; }
.distribution, footer { color: var(--muted); font-size: 0.9em; }"""  # noqa: E501

_PRINT_STYLE = """@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; }
  section.page + section.page { break-before: page; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
}
</style>
</head>
<body>
<header>
"""

# The chart's drawing area in SVG units; the value labels and axes go around it.
_CHART_WIDTH, _CHART_HEIGHT = 560, 160


def _css_string(text: str) -> str:
    """A quoted CSS string; anything but letters, digits and spaces as a CSS escape, so case
    text can never close the string or the style element."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in printable(text))
    return f'"{escaped}"'


def html_document(handout: Handout) -> str:
    """The laid-out summary as an HTML page."""
    return "".join(_page(handout))


def _page(doc: Handout) -> Iterator[str]:
    yield f"{_HEAD}<title>{xml_text(doc.title)}</title>\n<style>\n{_STYLE}"
    yield from _page_margins(doc)
    yield _PRINT_STYLE
    for banner in doc.banners:
        kind = "concept" if banner.startswith("CONCEPT") else "secret"
        yield f'<p class="banner {kind}">{xml_text(banner)}</p>\n'
    if doc.organisation or doc.logo:
        logo = ""
        if doc.logo:
            image = base64.b64encode(doc.logo.image).decode("ascii")
            logo = (
                f'<img alt="Logo" src="data:image/{xml_text(doc.logo.extension)};base64,{image}">'
            )
        yield f'<div class="sender">{logo}<span>{xml_text(doc.organisation)}</span></div>\n'
    yield f"<h1>{xml_text(doc.title)}</h1>\n"
    yield f'<p class="confidential">{xml_text(doc.confidentiality)}</p>\n'
    yield f'<p class="profile">{xml_text(doc.profile_statement)}</p>\n'
    yield _facts(doc.particulars)
    if doc.distribution:
        yield f'<p class="distribution">{xml_text(doc.distribution)}</p>\n'
    yield "</header>\n<main>\n"
    for part in doc.parts:
        page = ' class="page"' if doc.page_per_part else ""
        yield f'<section id="{xml_text(part.key)}"{page}>\n<h2>{xml_text(part.title)}</h2>\n'
        for block in part.blocks:
            yield _block(block)
        yield "</section>\n"
    yield "</main>\n"
    if doc.privacy_footer:
        yield f"<footer><p>{xml_text(doc.privacy_footer)}</p></footer>\n"
    yield "</body>\n</html>\n"


def _page_margins(doc: Handout) -> Iterator[str]:
    """Page margin boxes: the case code and "vertrouwelijk" on every printed page."""
    colour, weight = ("#a4161a", 700) if doc.marks else ("#5b5b5b", 400)
    yield "@page { size: A4; margin: 22mm 16mm 20mm;\n"
    yield (
        f"        @top-left {{ content: {_css_string(doc.running_header)}; font-size: 8pt; "
        f"color: {colour}; font-weight: {weight}; }}\n"
    )
    yield (
        f'        @bottom-left {{ content: "Vertrouwelijk · " {_css_string(doc.case_code)} "\\A " '
        f"{_css_string(doc.privacy_footer)}; white-space: pre-wrap; font-size: 7pt; "
        "color: #5b5b5b; }\n"
    )
    yield (
        '        @bottom-right { content: "pagina " counter(page) " van " counter(pages); '
        "font-size: 8pt; color: #5b5b5b; } }\n"
    )


def _block(block: Block) -> str:
    if isinstance(block, Subheading):
        return f"<h3>{xml_text(block.text)}</h3>\n"
    if isinstance(block, Text):
        muted = ' class="muted"' if block.muted else ""
        return f"<p{muted}>{xml_text(block.text)}</p>\n"
    if isinstance(block, Bullets):
        items = "".join(
            f"<li>{xml_text(item.text)}"
            + (f' <span class="by">— {xml_text(item.by)}</span>' if item.by else "")
            + (' <span class="secret">vertrouwelijk</span>' if item.confidential else "")
            + "</li>\n"
            for item in block.items
        )
        return f"<ul>\n{items}</ul>\n"
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, Table):
        return _table(block)
    assert_never(block)


def _facts(facts: Facts) -> str:
    pairs = "".join(
        f"<dt>{xml_text(label)}</dt><dd>{xml_text(value)}</dd>\n" for label, value in facts.pairs
    )
    return f'<dl class="facts">\n{pairs}</dl>\n\n'


def _table(table: Table) -> str:
    header = "".join(f'<th scope="col">{xml_text(cell)}</th>' for cell in table.header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{xml_text(cell)}</td>" for cell in cells) + "</tr>\n"
        for cells in table.rows
    )
    return (
        f'<table class="{xml_text(table.name)}">\n<thead><tr>{header}</tr></thead>\n'
        f"<tbody>\n{rows}</tbody>\n</table>\n"
    )


def _chart(chart: Chart) -> str:
    """A line chart in SVG: grid lines at 0, 5 and 10, each value labelled above its dot."""
    width, height = _CHART_WIDTH, _CHART_HEIGHT
    title = f"{xml_text(chart.title)}: {xml_text(chart.readout)}"
    lines = [
        '<figure class="chart">',
        f'<svg viewBox="-40 -20 {width + 80} {height + 60}" role="img" aria-label="{title}">',
    ]
    for level in (0, 5, 10):
        y = height - level / chart.maximum * height
        lines.append(
            f'<line x1="0" x2="{width}" y1="{y}" y2="{y}" class="grid"/>'
            f'<text x="-10" y="{y + 4}" class="axis" text-anchor="end">{level}</text>'
        )
    points = chart.points(width, height)
    line = "".join(f"{x},{y} " for x, y, _ in points)
    lines.append(f'<polyline points="{line}" class="line"/>')
    lines += [
        f'<circle cx="{x}" cy="{y}" r="4" class="dot"/><text x="{x}" y="{y - 10}" '
        f'text-anchor="middle" class="value">{score_text(value)}</text>'
        for x, y, value in points
    ]
    lines += [
        f'<text x="{x}" y="{height + 24}" text-anchor="middle" class="axis">'
        f"{xml_text(label)}</text>"
        for x, label in chart.ticks(width)
    ]
    lines += ["</svg>", f"<figcaption>{title}</figcaption>", "</figure>"]
    return "\n".join(lines) + "\n"
