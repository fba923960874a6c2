"""Atom feeds for an initiative and for any area: valid Atom (read back with feedparser), no
account needed, no names, bad parameters answered with 400."""

import feedparser
import pytest

from robimgood.community import services


@pytest.fixture
def story_so_far(db, organiser, initiative):
    services.post_update(initiative, organiser, "Week <one>", "We **dug** the beds <script>x()</script>")
    services.change_status(initiative, "done", organiser)
    services.save_story(initiative, organiser, {"worked": "Neighbours *came*.", "did_not_work": "",
                                                "cost": "10 BYN & tea"})
    db.session.commit()
    return initiative


def parse(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_initiative_feed(client, story_so_far):
    initiative = story_so_far
    feed = parse(client.get(f"/i/{initiative.public_id}/feed.atom"))
    assert feed.feed.title == "Yard garden"
    assert feed.feed.id == f"http://localhost/i/{initiative.public_id}"
    assert feed.feed.links[0].href.endswith("/feed.atom")
    titles = [e.title for e in feed.entries]
    assert titles == ["The story of “Yard garden”", "Status: Done", "Week <one>", "Status: Idea"]
    story, _done, update, _start = feed.entries
    assert "<em>came</em>" in story.content[0].value and "10 BYN &amp; tea" in story.content[0].value
    assert "<strong>dug</strong>" in update.content[0].value and "<script" not in update.content[0].value
    assert update.link == f"http://localhost/i/{initiative.public_id}/yard-garden#{update.id.split('#')[1]}"
    assert len({e.id for e in feed.entries}) == 4
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}").data.decode()
    feed_link = f'href="/i/{initiative.public_id}/feed.atom"'
    assert f'<link rel="alternate" type="application/atom+xml" title="Yard garden" {feed_link}>' in page


def test_the_area_feed_lists_what_is_inside(client, make_user, make_initiative):
    owner = make_user()
    make_initiative(owner, title="Near <b>bench</b>", latitude=53.9, longitude=27.56)
    make_initiative(owner, title="Just inside", latitude=53.9085, longitude=27.56)  # 946 m north
    make_initiative(owner, title="Just outside", latitude=53.9095, longitude=27.56)  # 1057 m
    make_initiative(owner, title="Far away", latitude=52.09, longitude=23.73)
    feed = parse(client.get("/feeds/area.atom?lat=53.9&lon=27.56&radius_m=1000"))
    assert sorted(e.title for e in feed.entries) == ["Just inside", "Near <b>bench</b>"]
    assert feed.feed.title == "New initiatives within 1000 m of 53.90000, 27.56000"
    assert all(e.link.startswith("http://localhost/i/") for e in feed.entries)
    empty = parse(client.get("/feeds/area.atom?lat=0&lon=0&radius_m=100"))
    assert empty.entries == [] and empty.feed.updated


@pytest.mark.parametrize("query", [
    "", "lat=53.9&lon=27.56", "lat=53.9&radius_m=1000", "lat=north&lon=27.56&radius_m=1000",
    "lat=53.9&lon=27.56&radius_m=99", "lat=53.9&lon=27.56&radius_m=20001",
    "lat=53.9&lon=27.56&radius_m=1000.5", "lat=91&lon=27.56&radius_m=1000",
    "lat=nan&lon=27.56&radius_m=1000", "lat=53.9&lon=inf&radius_m=1000",
    "lat=0&lon=179.999&radius_m=1000", "lat=89.999&lon=0&radius_m=1000",
])
def test_bad_area_parameters_get_400(client, query):
    response = client.get(f"/feeds/area.atom?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/html"


def test_feeds_of_missing_initiatives_are_404(client):
    assert client.get("/i/nosuchthing/feed.atom").status_code == 404


def test_the_story_leaves_the_feed_when_the_initiative_is_no_longer_done(db, client, organiser,
                                                                         story_so_far):
    services.change_status(story_so_far, "in_progress", organiser)
    db.session.commit()
    feed = parse(client.get(f"/i/{story_so_far.public_id}/feed.atom"))
    assert [e.title for e in feed.entries][:2] == ["Status: In progress", "Status: Done"]
    assert not any("story" in e.title for e in feed.entries)


def test_control_characters_in_user_text_do_not_break_the_feed(db, client, organiser, make_initiative):
    item = make_initiative(organiser, title="Bench\x0b repair\x1f", summary="Line\x1bbreak")
    services.post_update(item, organiser, "Odd\x08 title", "Body \x0c text")
    db.session.commit()
    feed = parse(client.get(f"/i/{item.public_id}/feed.atom"))
    assert feed.feed.title == "Bench repair"
    assert "Odd title" in [e.title for e in feed.entries]
    area = parse(client.get("/feeds/area.atom?lat=53.92&lon=27.59&radius_m=500"))
    assert [e.title for e in area.entries] == ["Bench repair"]
