"""The guides shipped with Robim Good: complete, careful about the law, and loaded idempotently
by `robimgood load-guides` and `robimgood demo`."""

import re
import shutil

import pytest
from sqlalchemy import func, select

from robimgood.guides import content, services, wizard
from robimgood.guides.models import Guide, GuideRevision, GuideStep
from robimgood.initiatives.models import CATEGORIES

ITEMS = content.read_all()
FAMILIES = sorted({item["family"] for item in ITEMS})
# Answer times are hedged: what the law "usually" sets, in each language.
USUALLY = {"be": "звычайна", "ru": "обычно", "en": "usually"}
APPEALS_LAW = {"be": "Аб зваротах грамадзян і юрыдычных асоб",
               "ru": "Об обращениях граждан и юридических лиц",
               "en": "law on appeals of citizens and legal entities"}


def _counts(db):
    db.session.expire_all()
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Guide, GuideStep, GuideRevision))


def test_at_least_six_guides_each_in_belarusian_russian_and_english():
    assert len(FAMILIES) >= 6
    for family in FAMILIES:
        versions = {i["language"]: i for i in ITEMS if i["family"] == family}
        assert set(versions) == {"be", "ru", "en"}, family
        # Translations are the same path: the same category and the same number of steps.
        assert len({v["category"] for v in versions.values()}) == 1, family
        assert len({len(v["steps"]) for v in versions.values()}) == 1, family
    assert set(wizard.GOAL_GUIDES.values()) <= set(FAMILIES)


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: f"{i['family']}.{i['language']}")
def test_each_guide_is_complete_and_careful_about_the_law(item):
    assert item["category"] in CATEGORIES
    assert 3 <= len(item["title"]) <= 120 and len(item["summary"]) <= 400
    assert len(item["steps"]) >= 5
    for step in item["steps"]:
        assert step["title"] and len(step["title"]) <= 160 and step["instructions"]
        assert step["duration"] and len(step["duration"]) <= 80
    notes = [s["legal_notes"].casefold() for s in item["steps"] if s["legal_notes"]]
    assert notes, "every guide has legal notes"
    for note in notes:  # answer times are what the law usually sets, never a promise
        assert "15" not in note or USUALLY[item["language"]] in note


@pytest.mark.parametrize("family", ["pedestrian-crossing", "collective-appeal", "trees-and-gardens"])
def test_appeal_guides_name_the_law_and_its_answer_times(family):
    for item in (i for i in ITEMS if i["family"] == family):
        legal = " ".join(s["legal_notes"] for s in item["steps"])
        assert APPEALS_LAW[item["language"]].casefold() in legal.casefold()
        assert "15" in legal


def test_loading_is_idempotent(db):
    first = content.load()
    assert first == {"created": len(ITEMS), "updated": 0, "unchanged": 0, "kept": 0}
    counts = _counts(db)
    assert counts[0] == len(ITEMS)
    assert counts[2] == len(ITEMS)  # one revision each
    guide = db.session.scalar(select(Guide).where(Guide.external_id == "content:yard-clean-up:be"))
    assert (guide.family, guide.language, guide.status) == ("yard-clean-up", "be", "published")
    assert guide.title == "Суботнік у двары" and guide.last_editor is None

    second = content.load()
    assert second == {"created": 0, "updated": 0, "unchanged": len(ITEMS), "kept": 0}
    assert _counts(db) == counts


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """A copy of the shipped content the test may change."""
    for path in content.CONTENT.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(content, "CONTENT", tmp_path)
    return tmp_path


def test_a_newer_shipped_text_replaces_an_unedited_guide_keeping_step_ids(db, shipped):
    content.load()
    path = shipped / "collective-appeal.en.toml"
    path.write_text(path.read_text().replace("One appeal, one problem.", "One appeal, one issue."))
    guide = db.session.scalar(select(Guide).where(Guide.external_id == "content:collective-appeal:en"))
    ids = [s.id for s in guide.steps]

    assert content.load()["updated"] == 1
    db.session.expire_all()
    assert guide.revision == 2 and [s.id for s in guide.steps] == ids
    assert "One appeal, one issue." in guide.steps[0].instructions
    old, new = (r.snapshot for r in db.session.scalars(
        select(GuideRevision).where(GuideRevision.guide_id == guide.id).order_by(GuideRevision.number)))
    assert [(c.kind, c.fields) for c in services.compare(old, new)] == [("changed", ("instructions",))]
    assert content.load()["updated"] == 0


def test_a_guide_edited_on_the_site_keeps_its_edits(db, shipped, make_user):
    content.load()
    guide = db.session.scalar(select(Guide).where(Guide.external_id == "content:residents-meeting:ru"))
    editor = make_user(role="urbanist", specialties=["community"])
    services.update(guide, editor, {"title": "Собрание жильцов нашего дома"})
    path = shipped / "residents-meeting.ru.toml"
    path.write_text(path.read_text().replace("Соседи решают вместе", "Соседи решают всё вместе"))

    counts = content.load()
    assert counts["kept"] == 1 and counts["updated"] == 0
    db.session.expire_all()
    assert guide.title == "Собрание жильцов нашего дома"
    assert "Соседи решают вместе" in guide.summary


def test_a_translation_made_on_the_site_first_is_kept(db, make_user):
    editor = make_user(role="admin")
    mine = services.create(editor, {"title": "Our own English version", "summary": "Ours.",
                                    "category": "other", "language": "en", "status": "draft"},
                           family="residents-meeting")
    counts = content.load()
    assert counts["kept"] == 1 and counts["created"] == len(ITEMS) - 1
    db.session.expire_all()
    assert mine.title == "Our own English version"


@pytest.mark.parametrize("name, text, message", [
    ("x.en.toml", 'title = "Broken', "x.en.toml"),
    ("x.de.toml", 'title = "T"\nsummary = "S"\ncategory = "green"\n[[steps]]\ntitle = "A"\n'
                  'instructions = "B"\n', "<family>.<be|ru|en>.toml"),
    ("x.en.toml", 'title = "T"\nsummary = "S"\ncategory = "bribes"\n[[steps]]\ntitle = "A"\n'
                  'instructions = "B"\n', "unknown category"),
    ("x.en.toml", 'title = "T"\nsummary = "S"\ncategory = "green"\nsteps = []\n', "needs steps"),
    ("x.en.toml", 'title = "T"\nsummary = "S"\ncategory = "green"\n[[steps]]\ntitle = "A"\n',
     "step 1: needs title and instructions"),
    ("x.en.toml", 'title = "T"\nsummary = "S"\ncategory = "green"\nauthor = "me"\n[[steps]]\n'
                  'title = "A"\ninstructions = "B"\n', "keys must be"),
])
def test_a_malformed_content_file_is_named_and_loads_nothing(db, tmp_path, monkeypatch, name, text,
                                                             message):
    (tmp_path / name).write_text(text)
    monkeypatch.setattr(content, "CONTENT", tmp_path)
    with pytest.raises(content.ContentError, match=re.escape(message)):
        content.load()
    assert _counts(db) == (0, 0, 0)


def test_load_guides_command(app, db):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["load-guides"])
    assert first.exit_code == 0, first.output
    assert f"guides: {len(ITEMS)} created, 0 updated, 0 unchanged, 0 kept" in first.output
    second = runner.invoke(args=["load-guides"])
    assert f"0 created, 0 updated, {len(ITEMS)} unchanged" in second.output
    assert _counts(db)[0] == len(ITEMS)


def test_the_demo_command_loads_the_guides_too(app, db, monkeypatch):
    import robimgood.demo

    monkeypatch.setattr(robimgood.demo, "load", lambda: {"users": 0, "initiatives": 0})
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert f"{len(ITEMS)} guides" in result.output
    assert _counts(db)[0] == len(ITEMS)
