"""The idea wizard at /start: four questions lead to the guides to follow and a draft initiative.

It lives with the guides because it has no data of its own: its answers point at guide
families shipped in content/, and the rules and the content change together.

The rules are a small table rather than tags on each guide, so they can be read (and tested)
in one place. A family that is missing or unpublished is skipped; if none is left, the
published guides of the goal's category stand in.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Question:
    name: str
    text: object
    choices: dict = field(default_factory=dict)


QUESTIONS = (
    Question("goal", _l("What do you want to change?"), {
        "clean": _l("Clean up a yard, a park or a river bank"),
        "green": _l("Plant trees, flowers or a garden"),
        "traffic": _l("Make a road safer: a pedestrian crossing, a speed bump, a sign"),
        "furniture": _l("Put up a bench, a bike rack or another small thing"),
        "heritage": _l("Save an old building or a monument"),
        "city_fix": _l("Get the city to fix or change something"),
        "together": _l("Bring neighbours together to decide something"),
    }),
    Question("place", _l("Where is it?"), {
        "yard": _l("A yard between houses"),
        "street": _l("A street or a road"),
        "park": _l("A park, a square or a river bank"),
        "building": _l("A building"),
    }),
    Question("permission", _l("Does it need the city's permission?"), {
        "yes": _l("Yes"),
        "no": _l("No, we can do it ourselves"),
        "unsure": _l("I do not know"),
    }),
    Question("people", _l("How many people do you need?"), {
        "few": _l("Just me and a few neighbours"),
        "group": _l("A group: five to twenty people"),
        "many": _l("Many: a whole block or district"),
    }),
)
QUESTION_NAMES = tuple(q.name for q in QUESTIONS)

# The guide that answers each goal (families of the guides in content/).
GOAL_GUIDES = {
    "clean": "yard-clean-up",
    "green": "trees-and-gardens",
    "traffic": "pedestrian-crossing",
    "furniture": "bench-or-bike-rack",
    "heritage": "historic-building",
    "city_fix": "collective-appeal",
    "together": "residents-meeting",
}
APPEAL, MEETING = "collective-appeal", "residents-meeting"
# The initiative category of each goal, when no guide says otherwise.
GOAL_CATEGORIES = {
    "clean": "waste", "green": "green", "traffic": "safety", "furniture": "public_space",
    "heritage": "heritage", "city_fix": "other", "together": "other",
}

# A draft initiative: a title and a summary per goal, and where it happens.
WHERE = {
    "yard": _l("in our yard"),
    "street": _l("on our street"),
    "park": _l("in our park"),
    "building": _l("in our building"),
}
DRAFT_TITLES = {
    "clean": _l("Clean-up day %(where)s"),
    "green": _l("Trees and flowers %(where)s"),
    "traffic": _l("A safer road %(where)s"),
    "furniture": _l("A bench or a bike rack %(where)s"),
    "heritage": _l("Let us save the old building %(where)s"),
    "city_fix": _l("Let us get it fixed %(where)s"),
    "together": _l("Neighbours decide together %(where)s"),
}
DRAFT_SUMMARIES = {
    "clean": _l("A clean-up day %(where)s, agreed with the housing office: gloves, bags and "
                "neighbours, and the rubbish taken away the same day."),
    "green": _l("We want to plant trees and flowers %(where)s, agree on the places with the "
                "people responsible and look after them together."),
    "traffic": _l("Cars drive too fast %(where)s. We ask the city for a pedestrian crossing or a "
                  "speed bump, with photos, signatures and an official appeal."),
    "furniture": _l("We want a bench or a bike rack %(where)s: we agree on the place and either "
                    "ask the city to put it up or install it ourselves with permission."),
    "heritage": _l("An old building %(where)s needs protection. We find out its status, document "
                   "it and ask the responsible bodies to preserve it."),
    "city_fix": _l("Something %(where)s needs fixing. We write a collective appeal to the city "
                   "administration and follow it up until it is done."),
    "together": _l("We invite neighbours to a meeting %(where)s to discuss what to improve and "
                   "decide together, with written minutes."),
}


@dataclass
class Recommendation:
    families: list[str]
    notes: list[object]


def recommend(answers: dict[str, str]) -> Recommendation:
    """The guide families to follow, best first, and notes on the answers; answers complete."""
    goal, place = answers["goal"], answers["place"]
    permission, people = answers["permission"], answers["people"]
    families = [GOAL_GUIDES[goal]]
    notes = []
    city_land = place in ("street", "park")
    if permission != "no" or city_land:
        families.append(APPEAL)
    if people == "many" or place == "building":
        families.append(MEETING)
    if permission == "no" and city_land:
        notes.append(_l("Streets and parks belong to the city: even a small change there usually "
                        "needs its agreement. The guide to writing an appeal shows how to ask."))
    if permission == "unsure":
        notes.append(_l("When in doubt, ask in writing: the housing office or the district "
                        "administration must answer an appeal within the time the law sets."))
    if place == "building":
        notes.append(_l("The stairs, roof and walls of a block of flats belong to all its owners "
                        "together: agree with them at a residents' meeting first."))
    if people == "few" and goal in ("heritage", "traffic", "city_fix"):
        notes.append(_l("An appeal signed by many neighbours weighs more: collecting signatures "
                        "is one of the steps."))
    return Recommendation(list(dict.fromkeys(families)), notes)


def guide_description(guide, guide_url: str) -> str:
    """The description of an initiative that follows the guide: a link to it (Markdown)."""
    title = guide.title.replace("[", "(").replace("]", ")")
    return f"{_l('We follow the guide:')} [{title}]({guide_url})"


def draft_initiative(answers: dict[str, str], guide=None, guide_url: str = "") -> dict[str, str]:
    """Query parameters for /initiatives/new: the organiser reviews them in the form.

    Kept short on purpose: a URL over about 4 KB is refused by gunicorn and many proxies, and
    Cyrillic letters take six bytes each once encoded."""
    where = WHERE[answers["place"]]
    draft = {
        "title": str(DRAFT_TITLES[answers["goal"]] % {"where": where}),
        "summary": str(DRAFT_SUMMARIES[answers["goal"]] % {"where": where}),
        "category": guide.category if guide is not None else GOAL_CATEGORIES[answers["goal"]],
    }
    if guide is not None:
        draft["description"] = guide_description(guide, guide_url)
        draft["guide"] = guide.public_id  # the form offers to follow it
    return draft
