"""What a moderator hid is gone from every public surface: the page, the list and search, the
map's GeoJSON, the open-data exports, /stats, the Atom feeds, stories, notifications already
sent, area alerts, guides' pages and profiles; an update or comment hidden on its own is gone
from the page and the feed."""

import pytest
from sqlalchemy import select

CANARY = "Zyxcanary"
LAT, LON = 53.95, 27.65


@pytest.fixture
def hidden_world(db, app, scene, make_user, make_initiative, as_):
    """A done initiative with a story, an update, a comment, a follower (who was notified), a
    neighbour's saved area around it and a guide it follows; then a moderator hides it."""
    from robimgood.community import services as community
    from robimgood.guided import services as guided
    from robimgood.guides import services as guides

    follower = make_user("fedia")
    neighbour = make_user("nina")
    community.save_area(neighbour, LON, LAT, 2000, "home")
    db.session.commit()
    secret = make_initiative(scene.organiser, title=f"{CANARY} quokka garden",
                             summary=f"{CANARY} summary", city="Quokkaville", status="done",
                             latitude=LAT, longitude=LON)
    community.follow(secret, follower)
    community.post_update(secret, scene.organiser, f"{CANARY} update", f"{CANARY} news")
    community.add_comment(secret, scene.author, f"{CANARY} comment")
    community.save_story(secret, scene.organiser, {"worked": f"{CANARY} worked", "did_not_work": "",
                                                   "cost": ""})
    guide = guides.create(scene.admin, {"title": "Plant a garden", "summary": "How to plant.",
                                        "category": "green", "language": "en", "status": "published",
                                        "steps": [{"title": "Ask the neighbours", "instructions": "",
                                                   "legal_notes": "", "documents": "", "contacts": "",
                                                   "duration": ""}]})
    guided.adopt(secret, guide)
    db.session.commit()
    before = {"stats": as_("anonymous").get("/api/stats.json").json,
              "guide": as_("anonymous").get(f"/guides/{guide.public_id}/{guide.slug}").data}
    assert CANARY.encode() in as_("anonymous").get("/initiatives").data  # there before hiding
    assert as_("moderator").post(f"/moderation/initiative/{secret.id}/hide").status_code == 303
    return {"secret": secret, "follower": follower, "neighbour": neighbour, "guide": guide,
            "before": before}


def _absent(response):
    assert response.status_code == 200, response.status_code
    body = response.get_data()
    assert CANARY.encode() not in body, body[:300]


@pytest.mark.parametrize("path", [
    "/", "/initiatives", "/initiatives?q=quokka", "/initiatives?city=quokkaville",
    "/api/initiatives.geojson", "/api/initiatives.geojson?bbox=27,53,28,54",
    "/api/initiatives.geojson?q=quokka", "/api/initiatives.csv", "/stats", "/api/stats.json",
    "/stories", f"/feeds/area.atom?lat={LAT}&lon={LON}&radius_m=1000", "/u/olia",
])
def test_hidden_initiative_is_gone_from_public_surfaces(hidden_world, as_, path):
    for role in ("anonymous", "user"):
        _absent(as_(role).get(path))


def test_its_own_pages_and_feed_are_404(hidden_world, as_):
    pid = hidden_world["secret"].public_id
    for path in (f"/i/{pid}", f"/i/{pid}/feed.atom", f"/i/{pid}/flyer"):
        assert as_("user").get(path).status_code == 404, path
        assert as_("anonymous").get(path).status_code == 404, path
    assert as_("user").get(f"/i/{pid}/report").status_code == 404
    assert as_("user").post(f"/i/{pid}/join").status_code == 404


def test_stats_no_longer_count_it(hidden_world, as_):
    before, after = hidden_world["before"]["stats"], as_("anonymous").get("/api/stats.json").json
    assert after["initiatives"]["total"] == before["initiatives"]["total"] - 1
    assert after["initiatives"]["by_status"]["done"] == before["initiatives"]["by_status"]["done"] - 1
    assert sum(after["initiatives"]["done_per_month"]) == sum(before["initiatives"]["done_per_month"]) - 1
    assert after["guides"]["initiatives_following"] == before["guides"]["initiatives_following"] - 1


def test_guide_pages_no_longer_count_it(hidden_world, as_):
    guide = hidden_world["guide"]
    assert b"1 initiative follows this guide" in hidden_world["before"]["guide"]
    page = as_("anonymous").get(f"/guides/{guide.public_id}/{guide.slug}").data
    assert b"follows this guide" not in page


def test_notifications_already_sent_lead_to_a_404(hidden_world, signed_in, db):
    from robimgood.notifications.models import Notification

    follower = hidden_world["follower"]
    notice = db.session.scalar(select(Notification).where(Notification.user_id == follower.id))
    client = signed_in(follower)
    assert client.get(notice.url.split("#")[0]).status_code == 404
    _absent(client.get("/me/initiatives"))


def test_members_no_longer_see_it_among_their_initiatives_organisers_do(hidden_world, db, scene,
                                                                         signed_in, as_):
    from robimgood.community import services as community

    member = hidden_world["neighbour"]
    community.join(hidden_world["secret"], member)
    db.session.commit()
    _absent(signed_in(member).get("/me/initiatives"))
    assert CANARY.encode() in as_("organiser").get("/me/initiatives").data


def test_area_alerts_leave_it_out(hidden_world, signed_in):
    client = signed_in(hidden_world["neighbour"])
    _absent(client.get(f"/feeds/area.atom?lat={LAT}&lon={LON}&radius_m=2000"))


def test_its_organiser_still_sees_it_with_a_notice(hidden_world, scene, as_):
    secret = hidden_world["secret"]
    page = as_("organiser").get(f"/i/{secret.public_id}/{secret.slug}")
    assert page.status_code == 200 and b"The moderators have hidden this initiative" in page.data
    assert as_("organiser").get(f"/i/{secret.public_id}/edit").status_code == 200


def test_the_command_line_export_leaves_it_out(hidden_world, app, tmp_path):
    out = tmp_path / "all.geojson"
    result = app.test_cli_runner().invoke(args=["export", "--format", "geojson", "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Yard garden" in text and CANARY not in text


def test_no_public_page_without_parameters_shows_it(hidden_world, app, as_):
    """A crawl of every GET route that needs no parameter: a surface added later that forgets
    the filter fails here."""
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods and not r.arguments]
    assert len(rules) > 15
    for rule in rules:
        for role in ("anonymous", "user"):
            response = as_(role).get(rule.rule)
            assert CANARY.encode() not in response.get_data(), (role, rule.rule)


def test_a_hidden_update_is_gone_from_the_page_and_the_feed(scene, as_):
    pid = scene.initiative.public_id
    assert b"Spring planting" in as_("anonymous").get(f"/i/{pid}/feed.atom").data
    as_("moderator").post(f"/moderation/update/{scene.update.id}/hide")
    for path in (f"/i/{pid}/feed.atom", f"/i/{pid}/{scene.initiative.slug}"):
        body = as_("anonymous").get(path).data
        assert b"Spring planting" not in body and b"We planted tulips" not in body


def test_replies_to_a_hidden_comment_go_with_it(db, scene, as_):
    from robimgood.community import services as community

    community.add_comment(scene.initiative, scene.organiser, "Please do not advertise", parent=scene.comment)
    db.session.commit()
    as_("moderator").post(f"/moderation/comment/{scene.comment.id}/hide")
    body = as_("organiser").get(f"/i/{scene.initiative.public_id}/{scene.initiative.slug}").data
    assert b"Buy cheap watches" not in body and b"Please do not advertise" not in body




def test_the_map_grid_and_its_etag_follow_hiding(db, scene, as_):
    """The clusters are counted by database triggers: a hidden initiative leaves its cell, and
    the data version behind the map's ETag moves, so no browser keeps the point."""
    from sqlalchemy import func, select

    from robimgood.geo import grid
    from robimgood.map.models import MapCell

    def counted():
        db.session.expire_all()
        return db.session.scalar(select(func.sum(MapCell.n)).where(
            MapCell.band == 15, MapCell.status == grid.ALL, MapCell.category == grid.ALL)) or 0

    etag = as_("anonymous").get("/api/initiatives.geojson?bbox=27,53,28,54").headers.get("ETag")
    before = counted()
    as_("moderator").post(f"/moderation/initiative/{scene.initiative.id}/hide")
    assert counted() == before - 1
    assert as_("anonymous").get("/api/initiatives.geojson?bbox=27,53,28,54").headers.get("ETag") != etag
    as_("moderator").post(f"/moderation/initiative/{scene.initiative.id}/restore")
    assert counted() == before
