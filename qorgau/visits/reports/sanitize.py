"""The allow-list for the report's rich text: structure and emphasis, nothing that runs or links.

Sections are edited in the browser and posted as HTML; whatever arrives is cleaned
here before it is stored, so the page, the PDF and the DOCX only ever see these tags.
No attributes survive except the span of table cells: no style (CSS can fetch URLs),
no event handlers, no links or images (a report carries its photos as an annex).
"""

from __future__ import annotations

from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "ul",
        "ol",
        "li",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
# Elements dropped with their content (nh3 keeps the text of other disallowed tags).
DROP_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "svg", "math"})


def sanitize_html(html: str) -> str:
    """Keep only the allowed tags; drop scripts, styles, handlers, links and comments."""
    return nh3.clean(
        html or "",
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        clean_content_tags=set(DROP_WITH_CONTENT),
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    ).strip()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def plain_text(html: str) -> str:
    """The words of sanitised HTML, for checks (every tag becomes a space, entities decoded)."""
    parser = _Text()
    parser.feed(sanitize_html(html))
    parser.close()
    return " ".join("".join(parser.parts).split())
