"""The list, the map page and the GeoJSON filter by "following a guide" and by progress, with
the same form; the map stays one query."""

import orjson
import pytest
from sqlalchemy import event

from robimgood.community import services as community
from robimgood.guided import services

TITLES = ("No checklist", "Own checklist, half done", "Guide, untouched", "Guide, two thirds", "Guide, done")


@pytest.fixture
def places(db, make_user, make_initiative, guide):
    """Five initiatives: without a checklist, with their own, and three following the guide."""
    owner = make_user()
    made = {title: make_initiative(owner, title=title) for title in TITLES}
    own = community.add_milestones(made["Own checklist, half done"], [
        {"title": "One", "note": "", "due_date": None}, {"title": "Two", "note": "", "due_date": None}])
    community.set_done(made["Own checklist, half done"], own[0], True)
    for title, ticks in (("Guide, untouched", 0), ("Guide, two thirds", 2), ("Guide, done", 3)):
        steps = services.adopt(made[title], guide)
        for milestone in steps[:ticks]:
            community.set_done(made[title], milestone, True)
    db.session.commit()
    return made


def titles_in_list(client, query: str) -> set[str]:
    response = client.get(f"/initiatives?{query}")
    assert response.status_code == 200
    return {t for t in TITLES if f">{t}</a>" in response.text}


def titles_in_geojson(client, query: str) -> set[str]:
    response = client.get(f"/api/initiatives.geojson?{query}")
    assert response.status_code == 200
    return {f["properties"]["title"] for f in orjson.loads(response.data)["features"]}


@pytest.mark.parametrize("query, expected", [
    ("", set(TITLES)),
    ("guide=yes", {"Guide, untouched", "Guide, two thirds", "Guide, done"}),
    ("guide=no", {"No checklist", "Own checklist, half done"}),
    ("progress=25", {"Own checklist, half done", "Guide, two thirds", "Guide, done"}),
    ("progress=50", {"Own checklist, half done", "Guide, two thirds", "Guide, done"}),
    ("progress=75", {"Guide, done"}),
    ("progress=100", {"Guide, done"}),
    ("guide=yes&progress=50", {"Guide, two thirds", "Guide, done"}),
    ("guide=no&progress=50", {"Own checklist, half done"}),
    ("guide=yes&progress=50&q=done", {"Guide, done"}),
    ("guide=yes&progress=50&bbox=27.5,53.8,27.7,54.0", {"Guide, two thirds", "Guide, done"}),
    ("guide=yes&progress=50&bbox=30,50,31,51", set()),
])
def test_list_and_geojson_filter_alike(client, places, query, expected):
    assert titles_in_list(client, query) == expected
    assert titles_in_geojson(client, query) == expected


def test_the_geojson_says_which_follow_a_guide(client, places):
    features = orjson.loads(client.get("/api/initiatives.geojson").data)["features"]
    flags = {f["properties"]["title"]: (f["properties"]["guide"], f["properties"]["progress"])
             for f in features}
    assert flags == {"No checklist": (False, None), "Own checklist, half done": (False, 50),
                     "Guide, untouched": (True, 0), "Guide, two thirds": (True, 66),
                     "Guide, done": (True, 100)}


def test_the_map_page_has_the_filters_and_filters_its_list(client, places):
    page = client.get("/?guide=yes&progress=75")
    assert page.status_code == 200
    assert '<select id="filter-guide" name="guide">' in page.text
    assert '<option selected value="yes">Following a guide</option>' in page.text
    assert '<option selected value="75">Three quarters done or more</option>' in page.text
    assert 'data-guide-text="Follows a guide"' in page.text
    assert ">Guide, done</a>" in page.text and ">Guide, two thirds</a>" not in page.text


def test_pagination_keeps_the_new_filters(app, client, places, monkeypatch):
    monkeypatch.setitem(app.config, "PER_PAGE", 1)
    page = client.get("/initiatives?guide=yes&progress=50").text
    assert "/initiatives?page=2&amp;guide=yes&amp;progress=50" in page


@pytest.mark.parametrize("query", ["guide=maybe", "progress=10", "progress=abc", "guide=yes&progress=101"])
def test_unknown_filter_values_are_refused(client, places, query):
    listing = client.get(f"/initiatives?{query}")
    assert listing.status_code == 400 and "These filters cannot be used" in listing.text
    assert "Not a valid choice" in listing.text
    api = client.get(f"/api/initiatives.geojson?{query}")
    assert api.status_code == 400 and orjson.loads(api.data)["error"] == "invalid parameters"
    assert client.get(f"/?{query}").status_code == 400


def test_the_map_is_one_query_with_the_guide_filter_and_flag(db, client, places, make_initiative, guide):
    def statements(query: str) -> list[str]:
        seen = []
        connection = db.session.connection()
        listener = lambda *args: seen.append(args[2])  # noqa: E731
        event.listen(connection, "before_cursor_execute", listener)
        try:
            assert client.get(f"/api/initiatives.geojson?{query}").status_code == 200
        finally:
            event.remove(connection, "before_cursor_execute", listener)
        return [s for s in seen if "FROM initiatives" in s or "guide_adoptions" in s]

    few = statements("guide=yes&progress=25")
    for n in range(6):
        services.adopt(make_initiative(title=f"More {n}"), guide)
    db.session.commit()
    assert len(statements("guide=yes&progress=25")) == len(few) == 1
    assert len(statements("")) == 1
