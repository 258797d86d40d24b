"""The summary in Markdown: one line per paragraph, list item or table row, blocks separated
by one blank line.

Every text goes through :func:`~bobtui.core.domain.text.markdown`, labels too: role cards and
feedback reports carry data from files. So a note shows as the same text in every viewer,
never as a heading, link, table cell or HTML.
"""

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
)
from bobtui.core.domain.text import markdown, printable


def markdown_document(handout: Handout) -> str:
    """The laid-out summary as a Markdown document."""
    lines: list[str] = []
    for banner in handout.banners:
        lines += [f"**{markdown(banner)}**", ""]
    if handout.organisation:
        lines += [markdown(handout.organisation), ""]
    lines += [
        f"# {markdown(handout.title)}",
        "",
        f"*{markdown(handout.confidentiality)}*",
        "",
        f"*{markdown(handout.profile_statement)}*",
        "",
        *_facts(handout.particulars),
    ]
    if handout.distribution:
        lines += ["", markdown(handout.distribution)]
    for number, part in enumerate(handout.parts):
        if handout.page_per_part and number:
            lines += ["", "---"]
        lines += ["", f"## {markdown(part.title)}"]
        for block in part.blocks:
            lines += ["", *_block(block)]
    if handout.privacy_footer:
        lines += ["", "---", "", f"*{markdown(handout.privacy_footer)}*"]
    return "\n".join(lines) + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Subheading):
        return [f"### {markdown(block.text)}"]
    if isinstance(block, Text):
        emphasis = "*" if block.muted else ""
        return [f"{emphasis}{markdown(block.text)}{emphasis}"]
    if isinstance(block, Bullets):
        return [_item(item.text, item.by, item.confidential) for item in block.items]
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Chart):
        return [
            f"**{markdown(block.title)}:** `{printable(block.spark)}` {markdown(block.readout)}"
        ]
    if isinstance(block, Table):
        return [
            _row(block.header),
            "|" + "---|" * len(block.header),
            *(_row(cells) for cells in block.rows),
        ]
    assert_never(block)


def _item(text: str, by: str, confidential: bool) -> str:
    said_by = f" — *{markdown(by)}*" if by else ""
    mark = " **(vertrouwelijk)**" if confidential else ""
    return f"- {markdown(text)}{said_by}{mark}"


def _facts(facts: Facts) -> list[str]:
    return [f"- **{markdown(label)}:** {markdown(value)}" for label, value in facts.pairs]


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(markdown(cell) for cell in cells) + " |"
