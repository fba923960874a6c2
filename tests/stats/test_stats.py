"""/stats and /api/stats.json: the numbers match counts made here independently, the charts are
accessible SVG with the same numbers in tables, and nothing private shows."""

import re
import statistics
from collections import Counter
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import select

from robimgood.community import services as community
from robimgood.community.models import Membership, StatusChange
from robimgood.consultations import services as consultations
from robimgood.initiatives import services as initiatives
from robimgood.initiatives.models import CATEGORIES, STATUSES
from robimgood.stats import services as stats
from robimgood.timeutil import utcnow

SVG = "{http://www.w3.org/2000/svg}"


def month_start(months_ago: int) -> datetime:
    """The first day (plus a day and some hours, well inside it) of the month months_ago back."""
    now = utcnow()
    index = now.year * 12 + now.month - 1 - months_ago
    return datetime(index // 12, index % 12 + 1, 2, 9, 30)


def key(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


# (title, category, status, city, months ago) of the initiatives the site will hold.
PLAN = [
    ("Garden one", "green", "idea", "Minsk", 0),
    ("Garden two", "green", "done", "Minsk", 1),
    ("Garden three", "green", "in_progress", "minsk", 2),  # same city, other spelling
    ("Lane", "transport", "done", "Brest", 2),
    ("Ramp", "accessibility", "planning", "Brest", 5),
    ("Old bench", "public_space", "paused", "Gomel", 11),
    ("Ancient bench", "public_space", "done", "Gomel", 14),  # before the twelve months
    ("Nowhere", "other", "idea", "", 3),
]


@pytest.fixture
def site(db, make_user, make_initiative):
    """A small site whose every number the test knows."""
    organiser = make_user("stats_organiser", display_name="SECRET-ORGANISER-NAME")
    made = {}
    for title, category, status, city, ago in PLAN:
        initiative = make_initiative(organiser, title=title, category=category, status="idea",
                                     city=city)
        initiative.created_at = month_start(ago)
        if status != "idea":
            initiatives.update(initiative, {**_data(initiative), "status": status}, by=organiser)
        made[title] = initiative
    # Done dates: "Garden two" done last month, "Lane" done twice this month (counted once),
    # "Ancient bench" done long ago.
    done_at = {"Garden two": month_start(1), "Ancient bench": month_start(13)}
    for change in db.session.scalars(select(StatusChange).where(StatusChange.new_status == "done")):
        title = next(t for t, i in made.items() if i.id == change.initiative_id)
        change.created_at = done_at.get(title, change.created_at)
    lane = made["Lane"]
    community.change_status(lane, "paused", organiser)
    community.change_status(lane, "done", organiser)
    db.session.commit()

    # People: three join now, one joined four months ago, one waits for approval.
    members = [make_user(f"member{n}", display_name=f"SECRET-MEMBER-{n}") for n in range(4)]
    for person in members[:3]:
        community.join(made["Garden one"], person)
    membership, _ = community.join(made["Lane"], members[3])
    membership.created_at = month_start(4)
    community.set_approval_required(made["Ramp"], True)
    community.join(made["Ramp"], members[0])
    db.session.commit()

    # Consultations: four asked, three answered after 5, 10 and 30 hours.
    asker = make_user("asker", display_name="SECRET-ASKER")
    hours = [5, 10, 30]
    asked_at = [month_start(0), month_start(1), month_start(1), month_start(6)]
    for n, when in enumerate(asked_at):
        consultation, _ = consultations.ask(asker if n % 2 else None, "law",
                                            f"SECRET-QUESTION-{n} about a bench?", "en", "Minsk")
        consultation.created_at = when
        if n < 3:
            consultation.recorded_state = "answered"
            consultation.answered_at = when + timedelta(hours=hours[n])
    db.session.commit()
    return {"initiatives": made, "organiser": organiser, "members": members,
            "hours": hours, "asked_at": asked_at}


def _data(initiative) -> dict:
    lon, lat = initiative.lon_lat
    return {"title": initiative.title, "summary": initiative.summary,
            "description": initiative.description, "category": initiative.category,
            "status": initiative.status, "city": initiative.city, "language": initiative.language,
            "latitude": lat, "longitude": lon, "location_precision": initiative.location_precision,
            "needs": initiative.needs}


def expected(site) -> dict:
    """Every number, counted here from the plan, not by the code under test."""
    months = [key(month_start(ago)) for ago in range(11, -1, -1)]
    started = Counter(key(month_start(ago)) for *_, ago in PLAN)
    done = Counter({key(month_start(1)): 1, key(month_start(0)): 1})  # Garden two; Lane once
    # Each initiative has its organiser as its first member (now); three people joined now and
    # one four months ago; the pending request does not count.
    joined = Counter({key(utcnow()): len(PLAN) + 3, key(month_start(4)): 1})
    memberships = len(PLAN) + 4
    asked = Counter(key(moment) for moment in site["asked_at"])
    answered = Counter(key(moment + timedelta(hours=h))
                       for moment, h in zip(site["asked_at"], site["hours"], strict=False))
    cities = Counter((city.casefold()) for _, _, _, city, _ in PLAN)
    return {
        "months": months,
        "total": len(PLAN),
        "by_status": {s: sum(1 for p in PLAN if p[2] == s) for s in STATUSES},
        "by_category": {c: sum(1 for p in PLAN if p[1] == c) for c in CATEGORIES},
        "started": [started[m] for m in months],
        "done": [done[m] for m in months],
        "cities": cities,
        "memberships": memberships,
        "joined": [joined[m] for m in months],
        "asked": [asked[m] for m in months],
        "answered": [answered[m] for m in months],
        "median": statistics.median(site["hours"]),
    }


def test_the_numbers_match_independent_counts(client, site):
    want = expected(site)
    data = client.get("/api/stats.json").json
    assert data["months"] == want["months"]
    i = data["initiatives"]
    assert i["total"] == want["total"]
    assert i["by_status"] == want["by_status"]
    assert i["by_category"] == want["by_category"]
    assert i["started_per_month"] == want["started"]
    assert i["done_per_month"] == want["done"]
    assert {c["city"].casefold(): c["total"] for c in i["by_city"]} == dict(want["cities"])
    minsk = next(c for c in i["by_city"] if c["city"].casefold() == "minsk")
    assert minsk["by_status"] == {"idea": 1, "planning": 0, "in_progress": 1, "done": 1, "paused": 0}
    assert minsk["started_per_month"] == [
        sum(1 for t, _, _, city, ago in PLAN if city.casefold() == "minsk"
            and key(month_start(ago)) == m) for m in want["months"]]
    assert [c["total"] for c in i["by_city"]] == sorted((c["total"] for c in i["by_city"]), reverse=True)
    assert data["members"]["memberships"] == want["memberships"]
    assert data["members"]["people"] == 1 + 4
    assert data["members"]["joined_per_month"] == want["joined"]
    c = data["consultations"]
    assert (c["asked"], c["answered"]) == (4, 3)
    assert c["median_hours_to_answer"] == want["median"] == 10
    assert c["asked_per_month"] == want["asked"] and c["answered_per_month"] == want["answered"]


def test_the_page_shows_the_same_numbers_in_its_tables(client, site):
    want = expected(site)
    with force_locale("en"):
        statuses = {s: str(escape(str(label))) for s, label in STATUSES.items()}
        categories = {c: str(escape(str(label))) for c, label in CATEGORIES.items()}
    html = client.get("/stats").data.decode()

    def table(table_id):
        body = re.search(rf'<table id="{table_id}".*?</table>', html, re.S).group(0)
        rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", body, re.S)
        return [(label, [int(v) for v in re.findall(r"<td>(\d+)</td>", cells)])
                for label, cells in rows]

    assert table("table-status") == [(statuses[s], [n]) for s, n in want["by_status"].items()]
    assert table("table-category") == [(categories[c], [n]) for c, n in want["by_category"].items()]
    assert [v for _, v in table("table-months")] == [
        [s, d] for s, d in zip(want["started"], want["done"], strict=True)]
    assert [v for _, v in table("table-members")] == [[n] for n in want["joined"]]
    assert [v for _, v in table("table-consultations")] == [
        [a, b] for a, b in zip(want["asked"], want["answered"], strict=True)]
    assert f'<dd id="total-initiatives">{want["total"]}</dd>' in html
    assert "Half the answers came within 10.0 hours." in html


def test_charts_are_accessible_svg_drawing_those_numbers(client, site):
    want = expected(site)
    html = client.get("/stats").data.decode()
    charts = {}
    for match in re.finditer(r"<svg .*?</svg>", html, re.S):
        svg = ET.fromstring(match.group(0))
        chart_id = svg.get("id")
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text.strip() and desc.text.strip()
        assert html.count(f'id="{chart_id}"') == 1
        charts[chart_id] = svg
    assert {"chart-status", "chart-category", "chart-months", "chart-members",
            "chart-consultations"} <= set(charts)
    assert len([c for c in charts if c.startswith("city-")]) == 2 * len(want["cities"])
    # The status chart: one bar per status, as long as its count (the longest 340 units).
    bars = charts["chart-status"].findall(f"{SVG}rect")
    top = max(want["by_status"].values())
    assert [float(b.get("width")) for b in bars] == [
        round(340 * n / top, 1) for n in want["by_status"].values()]
    desc = charts["chart-status"].find(f"{SVG}desc").text
    with force_locale("en"):
        assert all(f"{STATUSES[s]}: {n}" in desc for s, n in want["by_status"].items())
    # The months chart: two columns a month, heights in proportion to the counts.
    columns = [r for r in charts["chart-months"].findall(f"{SVG}rect")
               if r.get("class").startswith("chart-bar series")]
    assert len(columns) == 24
    started = [float(r.get("height")) for r in columns[0::2]]
    assert started.index(max(started)) == want["started"].index(max(want["started"]))


def test_the_page_is_light_and_needs_no_javascript(client, site, make_user, make_initiative):
    owner = make_user()
    for n in range(25):
        make_initiative(owner, title=f"Town initiative {n}", city=f"Town {n:02d}")
    response = client.get("/stats")
    html = response.data.decode()
    assert len(response.data) < 120_000
    htmx = r'<script src="/static/vendor/htmx-2.0.11/htmx.min.[0-9a-f]+.js"></script>'
    assert "<script" not in re.sub(htmx, "", html)
    assert " style=" not in html and "onclick" not in html
    # The biggest cities one by one; the others summed up in a sentence.
    assert html.count('class="chart sparkline"') == stats.TOP_CITIES
    cities = len(expected(site)["cities"]) + 25
    others = cities - stats.TOP_CITIES
    assert f"And {others} more places with {others} initiatives." in html


def test_nothing_private_shows(client, site):
    for url in ("/stats", "/api/stats.json"):
        body = client.get(url).data.decode()
        for secret in ("SECRET-", "stats_organiser", "member0", "asker", "about a bench"):
            assert secret not in body, f"{secret} on {url}"


def test_guides_followed_are_counted_from_adoptions(client, db, make_user, make_initiative):
    from robimgood.guided import services as guided
    from robimgood.guides import services as guides

    steps = [{"title": "Ask", "instructions": "", "legal_notes": "", "documents": "",
              "contacts": "", "duration": ""}]
    guide = guides.create(None, {"title": "Clean the yard", "summary": "How.", "category": "waste",
                                 "language": "en", "status": "published", "steps": steps})
    draft = guides.create(None, {"title": "Draft guide", "summary": "Not yet.", "category": "waste",
                                 "language": "en", "status": "draft", "steps": steps})
    db.session.commit()
    owner = make_user()
    for n in range(2):
        guided.adopt(make_initiative(owner, title=f"Cleaning {n}"), guide)
    # A link in the description is not an adoption, and a draft guide's followers do not count.
    make_initiative(owner, title="Linked", description=f"[x](/guides/{guide.public_id})")
    guided.adopt(make_initiative(owner, title="Drafty"), draft)
    make_initiative(owner, title="No guide", description="Just us.")
    db.session.commit()
    data = client.get("/api/stats.json").json["guides"]
    assert data["published"] == 1 and data["initiatives_following"] == 2
    assert [(g["title"], g["initiatives"]) for g in data["by_guide"]] == [("Clean the yard", 2)]
    assert data["by_guide"][0]["url"].endswith(f"/guides/{guide.public_id}/{guide.slug}")


def test_an_empty_site_has_a_page(client):
    response = client.get("/stats")
    assert response.status_code == 200
    html = response.data.decode()
    assert "No initiatives yet." in html and '<dd id="total-initiatives">0</dd>' in html
    data = client.get("/api/stats.json").json
    assert data["consultations"]["median_hours_to_answer"] is None
    assert data["initiatives"]["started_per_month"] == [0] * 12


@pytest.mark.parametrize("today, first, last", [
    ("2026-01-15", "2025-02", "2026-01"),
    ("2026-12-31", "2026-01", "2026-12"),
    ("2027-03-01", "2026-04", "2027-03"),
])
def test_twelve_months_across_years(today, first, last):
    keys = stats.months(datetime.fromisoformat(today).date())
    assert len(keys) == 12 and keys[0] == first and keys[-1] == last
    assert len(set(keys)) == 12


def test_a_pending_request_is_not_a_member(db, site):
    pending = db.session.scalars(select(Membership).where(Membership.pending.is_(True))).all()
    assert len(pending) == 1
    assert stats.overview()["members"]["memberships"] == expected(site)["memberships"]


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_the_page_follows_the_reader_language(client, site, lang):
    """Month names and category labels are the reader's (the page's own new labels reach the
    catalogs when the lead translates them after merging)."""
    html = client.get("/stats", headers={"Accept-Language": lang}).data.decode()
    month = {"be": "сту|лют|сак|кра|тра|чэр|ліп|жні|вер|кас|ліс|сне",
             "ru": "янв|февр|мар|апр|май|июн|июл|авг|сент|окт|нояб|дек"}[lang]
    assert f'<html lang="{lang}">' in html
    assert len(re.findall(rf"<text[^>]*>({month})", html, re.IGNORECASE)) >= 12
    label = {"be": "Зялёныя зоны", "ru": "Зелёные зоны"}[lang]
    assert label in html
