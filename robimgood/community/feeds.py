"""Atom feeds (RFC 4287) built with the standard library, which escapes every text it writes.
Feeds carry titles, summaries, updates and stories, never the name of a person."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree as ET

from flask import url_for
from flask_babel import gettext as _
from markupsafe import escape

from ..initiatives.models import STATUSES
from ..text import render_markdown
from ..timeutil import utcnow
from .services import initiative_url

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


# Characters XML 1.0 does not allow at all, not even escaped; user text could carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}",
                         {k: _NOT_XML.sub("", v) for k, v in attrs.items() if v})
    if text is not None:
        node.text = _NOT_XML.sub("", text)
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


def initiative_feed(initiative, timeline, story=None) -> bytes:
    """Updates and status changes (timeline entries, newest first), and the story if told."""
    base = url_for("initiatives.detail", public_id=initiative.public_id, _external=True)
    entries = []
    for entry in timeline:
        item = entry.item
        if entry.kind == "update":
            entries.append(Entry(
                id=f"{base}#update-{item.id}", title=item.title,
                url=initiative_url(initiative, f"update-{item.id}", external=True),
                updated=item.edited_at or item.created_at, published=item.created_at,
                html=str(render_markdown(item.body))))
        else:
            label = str(STATUSES.get(item.new_status, item.new_status))
            entries.append(Entry(
                id=f"{base}#status-{item.id}", title=_("Status: %(status)s", status=label),
                url=initiative_url(initiative, "timeline", external=True),
                updated=item.created_at, published=item.created_at))
    if story is not None:
        parts = ((_("What worked"), story.worked), (_("What did not work"), story.did_not_work),
                 (_("What it cost"), story.cost))
        html = "".join(f"<h3>{escape(heading)}</h3>{render_markdown(text)}" for heading, text in parts
                       if text)
        entries.insert(0, Entry(
            id=f"{base}#story", title=_("The story of “%(title)s”", title=initiative.title),
            url=initiative_url(initiative, "story", external=True), updated=story.updated_at,
            published=story.published_at, html=html))
    return render(
        feed_id=base, title=initiative.title, subtitle=initiative.summary,
        self_url=url_for("community.initiative_feed", public_id=initiative.public_id, _external=True),
        page_url=initiative_url(initiative, external=True), updated=initiative.created_at,
        entries=entries, language=initiative.language)


def area_feed(lat: float, lon: float, radius_m: int, initiatives) -> bytes:
    """The initiatives found in an area, newest first."""
    entries = [Entry(
        id=url_for("initiatives.detail", public_id=i.public_id, _external=True),
        title=i.title, url=initiative_url(i, external=True), updated=i.created_at,
        published=i.created_at, summary=i.summary, categories=[i.category],
    ) for i in initiatives]
    self_url = url_for("community.area_feed", lat=lat, lon=lon, radius_m=radius_m, _external=True)
    return render(
        feed_id=self_url, self_url=self_url,
        page_url=url_for("map.home", _external=True) + f"#{lat:.5f},{lon:.5f},14",
        title=_("New initiatives within %(radius)d m of %(lat).5f, %(lon).5f",
                radius=radius_m, lat=lat, lon=lon),
        updated=initiatives[0].created_at if initiatives else utcnow(), entries=entries)
