"""Slow networks: every page that renders HTML, in the world of tests/safety/world.py, is at most
60 KB gzipped before images and tiles, and every <img> says its size and loads lazily.

Run with -s to see the heaviest pages:
    .venv/bin/pytest -q -s tests/reach/test_page_weight.py
"""

import gzip
import random
from html.parser import HTMLParser

from ..safety import world as world_module

BUDGET = 60 * 1024
ROLES = ["anonymous", "organiser", "member", "other", "urbanist", "admin"]
# Text that compresses like real prose (about three times), in Belarusian letters (two bytes
# each in UTF-8): words of random letters, up to 1500 characters a field (a long description).
LETTERS = "абвгдежзійклмнопрстуўфхцчшыьэюя"


def text(key: str, max_length: int) -> str:
    rng = random.Random(key)
    words = ("".join(rng.choices(LETTERS, k=rng.randint(2, 10))) for _ in range(400))
    return f"{key}: {' '.join(words)}"[:min(max_length, 1500)]


NOT_PAGES = ("/static/", "/api/", "/feeds/", "/healthz", "/tiles/")


def candidates(rule: str, w) -> list[dict]:
    """Values for the rule's variables that name something in the world."""
    if rule.startswith("/i/"):
        yard = {"public_id": w.ids["yard"], "slug": w.ids["yard_slug"],
                "milestone_id": w.ids["milestone"], "update_id": w.ids["update"]}
        # item_id: an update's or a comment's (the report pages), whichever the rule wants.
        return [{**yard, "item_id": w.ids["update"]}, {**yard, "item_id": w.ids["comment"]},
                {"public_id": w.ids["bench"], "slug": w.ids["bench_slug"],
                 "milestone_id": w.ids["guide_milestone"]}]
    if rule.startswith("/guides/"):
        return [{"public_id": w.ids["guide"], "slug": w.ids["guide_slug"],
                 "step_id": w.ids["guide_step"]}]
    if rule.startswith("/consultations/answers/"):
        return [{"public_id": w.ids["published"]}]
    if rule.startswith("/consultations/"):
        return [{"public_id": w.ids[name]} for name in ("answered", "asked", "open")]
    return [{"token": w.token, "username": w.users["urbanist"]},
            {"username": w.users["organiser"]}]


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.unsized = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and not (attrs.get("width") and attrs.get("height")
                                 and attrs.get("loading") == "lazy"):
            self.unsized.append(attrs.get("src"))


def test_every_page_is_light_and_sizes_its_images(app, db, make_initiative, signed_in):
    from robimgood.consultations import services as consultations
    from robimgood.guided import services as guided
    from robimgood.guides import services as guides
    from robimgood.initiatives import services as initiatives

    world = world_module.build(text)
    # What the world lacks for the last few pages: a followed guide, consent to publish.
    bench = initiatives.by_public_id(world.ids["bench"])
    world.ids["guide_milestone"] = guided.adopt(bench, guides.by_public_id(world.ids["guide"]))[0].id
    consultations.set_consent(consultations.by_public_id(world.ids["asked"]), True)
    db.session.commit()
    organiser = db.session.get(type(make_initiative().organiser), world.user_ids["organiser"])
    for n in range(25):  # a full page of the list and of the map's list
        make_initiative(organiser=organiser, title=f"{text('title', 80)} {n}",
                        summary=text("summary", 280), description=text("description", 20000))
    clients = {"anonymous": app.test_client()}
    for role in ROLES[1:]:
        user = db.session.get(type(organiser), world.user_ids[role])
        clients[role] = signed_in(user)

    weights, unsized, unreached = {}, {}, []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.rule.startswith(NOT_PAGES) or rule.rule.endswith(
                (".atom", ".json", ".csv", ".geojson", ".png")):
            continue
        reached = False
        for values in candidates(rule.rule, world):
            wanted = rule.arguments - set(rule.defaults or ())
            if not wanted <= values.keys():
                continue
            path = rule.build({k: v for k, v in values.items() if k in wanted})[1]
            for role in ROLES:
                response = clients[role].get(path)
                reached = reached or response.status_code in (200, 301)  # 301: to the slug
                if response.status_code != 200:
                    continue
                assert response.mimetype == "text/html", path
                body = response.get_data()
                size = len(gzip.compress(body, compresslevel=6))
                weights[path] = max(weights.get(path, (0, ""))[0], size), role
                parser = Images()
                parser.feed(body.decode())
                if parser.unsized:
                    unsized[path] = parser.unsized
        if not reached:
            unreached.append(rule.rule)

    heaviest = sorted(weights.items(), key=lambda kv: -kv[1][0])
    print(f"\n{len(weights)} pages; the heaviest, gzipped (level 6):")
    for path, (size, role) in heaviest[:8]:
        print(f"  {size / 1024:6.1f} KB  {path}  ({role})")
    assert unreached == [], f"no role could open these pages: {unreached}"
    assert len(weights) > 40
    too_heavy = {p: s for p, (s, _) in heaviest if s > BUDGET}
    assert too_heavy == {}, f"pages over {BUDGET // 1024} KB gzipped: {too_heavy}"
    assert unsized == {}, f"<img> without width, height and loading=lazy: {unsized}"


def test_the_image_check_catches_an_unsized_image():
    parser = Images()
    parser.feed('<img src="a.png" width="10" height="10" loading="lazy"><img src="b.png" '
                'width="10" height="10"><img src="c.png" loading="lazy">')
    assert parser.unsized == ["b.png", "c.png"]
