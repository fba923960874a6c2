"""Atom feeds (RFC 4287) built with the standard library, which escapes every text it writes.
Feeds carry titles, summaries and updates, never the name of a member."""

from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass
class Entry:
    id: str
    title: str
    url: str
    updated: datetime
    published: datetime | None = None
    html: str = ""  # sanitised HTML, sent escaped as type="html"
    summary: str = ""
    categories: list[str] = field(default_factory=list)


def _stamp(value: datetime) -> str:
    """RFC 3339 in UTC; stored times are naive UTC."""
    return value.replace(microsecond=0).isoformat() + "Z"


def _add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        node.text = text
    return node


def render(*, feed_id: str, title: str, self_url: str, page_url: str, updated: datetime,
           entries: list[Entry], subtitle: str = "", language: str = "") -> bytes:
    feed = ET.Element(f"{{{ATOM}}}feed")
    if language:
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", language)
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    if subtitle:
        _add(feed, "subtitle", subtitle)
    _add(feed, "updated", _stamp(max([updated, *(e.updated for e in entries)])))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    author = _add(feed, "author")
    _add(author, "name", "Robim Good")
    _add(feed, "generator", "Robim Good")
    for item in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", item.id)
        _add(entry, "title", item.title)
        _add(entry, "link", rel="alternate", type="text/html", href=item.url)
        _add(entry, "updated", _stamp(item.updated))
        if item.published:
            _add(entry, "published", _stamp(item.published))
        for term in item.categories:
            _add(entry, "category", term=term)
        if item.summary:
            _add(entry, "summary", item.summary)
        if item.html:
            _add(entry, "content", item.html, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
