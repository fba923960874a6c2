"""The issue's "done when": a neighbour finds an initiative near home, joins it, follows its
progress to done and reads its story, and an organiser runs it. All through HTTP."""

import feedparser
import orjson
from sqlalchemy import select

from robimgood.community.models import Milestone

from ..conftest import VALID_INITIATIVE

HOME = {"lat": "53.9210", "lon": "27.5890", "radius_m": "800", "label": "Home"}


def test_from_a_neighbours_area_alert_to_the_story(db, client, signed_in, make_user):
    neighbour = signed_in(make_user("neighbour"))
    organiser = signed_in(make_user("organiser"))
    assert neighbour.post("/areas", data=HOME).status_code == 303

    created = organiser.post("/initiatives/new", data=VALID_INITIATIVE)  # 125 m from home
    page_url = created.headers["Location"]
    base = page_url.rsplit("/", 1)[0]
    notices = neighbour.get("/notifications").data.decode()
    assert "A new initiative in your area" in notices and page_url in notices
    around_home = orjson.loads(client.get("/api/initiatives.geojson?bbox=27.58,53.91,27.60,53.93").data)
    assert [f["properties"]["url"] for f in around_home["features"]] == [page_url]
    feed = feedparser.parse(client.get("/feeds/area.atom?lat=53.921&lon=27.589&radius_m=800").data)
    assert [e.title for e in feed.entries] == [VALID_INITIATIVE["title"]]

    assert neighbour.post(f"{base}/join").status_code == 303
    assert "You are a member." in neighbour.get(page_url).data.decode()

    for title in ("Ask the housing office", "Buy soil", "Plant"):
        organiser.post(f"{base}/milestones", data={"title": title})
    organiser.post(f"{base}/status", data={"status": "in_progress"})
    organiser.post(f"{base}/updates/new", data={"title": "Soil is here", "body": "Come on Saturday."})
    for milestone_id in db.session.scalars(select(Milestone.id)):
        organiser.post(f"{base}/milestones/{milestone_id}/done", data={"done": "1"})
    finished = organiser.post(f"{base}/status", data={"status": "done"})
    assert finished.headers["Location"] == f"{base}/story/edit"
    organiser.post(f"{base}/story/edit", data={"worked": "Asking early.", "did_not_work": "Rain.",
                                               "cost": "120 BYN"})

    notices = neighbour.get("/notifications").data.decode()
    for text in ("is in progress", "News from", "Soil is here", "is done!", "told its story"):
        assert text in notices
    page = neighbour.get(page_url).data.decode()
    assert "100% done" in page and "Status changed to: Done" in page and "Asking early." in page
    stories = client.get("/stories").data.decode()
    assert VALID_INITIATIVE["title"] in stories and "120 BYN" in stories
    assert "You organise this initiative." in organiser.get(page_url).data.decode()
