"""Consultation queries and writes: who may do what, the lifecycle, the queue, published answers
and urbanists. Services flush; the view commits."""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, func, select, update

from ..accounts.models import User, UserSpecialty
from ..extensions import db
from ..initiatives.models import Initiative
from ..initiatives.services import Page, new_public_id, page_of
from ..notifications.models import Notification
from ..notifications.services import notify, register_kind
from ..timeutil import utcnow
from .models import (
    Consultation,
    ConsultationMessage,
    PublishedAnswer,
    UrbanistProfile,
    hour_of,
)

register_kind("consultation_new", _l("A new consultation request in your specialty is waiting."))
register_kind("consultation_claimed", _l("An urbanist has taken your question."))
register_kind("consultation_answered", _l("Your question has an answer."))
register_kind("consultation_message", _l("A new message in your consultation."))
register_kind("consultation_closed", _l("The asker closed a consultation you answered."))
register_kind("consultation_reopened", _l("A consultation was reopened."))
register_kind("consultation_consent", _l("The asker agrees to publishing your answer."))


class Refused(Exception):
    """An action the consultation's current state does not allow (409). The message is a lazy
    string, translated when the page is rendered."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


# The lifecycle: action -> {state it may start from: state it leads to}. "reopen" goes back to
# the state the consultation was closed from (answered, claimed, or open if nobody took it).
TRANSITIONS = {
    "claim": {"open": "claimed"},
    "release": {"claimed": "open"},
    "answer": {"claimed": "answered"},
    "close": {"open": "closed", "claimed": "closed", "answered": "closed"},
    "reopen": {"closed": "closed_from"},
}
REFUSALS = {
    "claim": _l("This request is no longer open: another urbanist has taken it, or it is closed."),
    "release": _l("Only a request you have taken and not yet answered can be given back."),
    "answer": _l("This consultation is closed. Reopen it to write more."),
    "write": _l("This consultation is closed. Reopen it to write more."),
    "close": _l("This consultation is already closed."),
    "reopen": _l("Only a closed consultation can be reopened."),
    "consent": _l("You can agree to publishing once your question has an answer."),
    "publish": _l("This consultation cannot be published: it needs an answer and the asker's "
                  "consent, and it can be published once."),
}

# Who may ask for each action (see role_of); the state decides whether it happens.
MAY = {
    "read": {"asker", "urbanist", "admin"},
    "release": {"urbanist"},
    "write": {"asker", "urbanist"},
    "close": {"asker"},
    "reopen": {"asker", "urbanist"},
    "consent": {"asker"},
    "publish": {"urbanist"},
}

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)


# --- the secret link ---------------------------------------------------------------------------

def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def by_token(token: str) -> Consultation | None:
    """The anonymous consultation of a secret link; None for a wrong or malformed token."""
    wanted = token_hash(token) if TOKEN_RE.match(token or "") else "0" * 64
    consultation = db.session.scalar(select(Consultation).where(Consultation.token_hash == wanted))
    if consultation is None or not hmac.compare_digest(consultation.token_hash, wanted):
        return None
    return consultation


def by_public_id(public_id: str) -> Consultation | None:
    return db.session.scalar(select(Consultation).where(Consultation.public_id == public_id))


# --- who is looking ----------------------------------------------------------------------------

def role_of(user, consultation: Consultation) -> str | None:
    """asker, urbanist (who holds it now), admin, colleague (another urbanist, while the request is
    open), or None: someone who may not even learn that it exists."""
    if not (user and user.is_authenticated):
        return None
    if consultation.asker_id == user.id:
        return "asker"
    if consultation.holder_id == user.id:
        return "urbanist"
    if user.is_admin:
        return "admin"
    if user.is_urbanist and consultation.state == "open":
        return "colleague"
    return None


def asker_label(consultation: Consultation, role: str | None) -> str:
    """How the asker is named to role: by name only if a signed-in asker chose to show it."""
    if role == "asker":
        return str(_l("You"))
    if consultation.asker is not None and consultation.asker_name_shown:
        return consultation.asker.name
    return str(_l("Anonymous asker"))


def thread_url(consultation: Consultation) -> str:
    """The thread's path; built from the URL map, so it works outside a request (CLI, tests)."""
    adapter = current_app.url_map.bind("localhost")
    return adapter.build("consultations.thread", {"public_id": consultation.public_id})


# --- asking ------------------------------------------------------------------------------------

def ask(asker: User | None, topic: str, question: str, language: str, city: str = "",
        initiative: Initiative | None = None, show_name: bool = False) -> tuple[Consultation, str | None]:
    """Create a request and tell the urbanists of its topic. Without an asker it is anonymous:
    returns the secret token, which exists only in this return value."""
    token = None if asker else new_token()
    city = city.strip()
    consultation = Consultation(
        public_id=new_public_id(), topic=topic, question=question.strip(), language=language,
        city=city, city_key=city.casefold(), asker=asker,
        asker_name_shown=bool(asker and show_name),
        initiative=initiative if asker else None,
        token_hash=token_hash(token) if token else None,
        created_at=hour_of(utcnow()),
    )
    db.session.add(consultation)
    db.session.flush()
    # To the queue, not the request: another urbanist may have taken it by the time they look.
    queue_url = current_app.url_map.bind("localhost").build(
        "consultations.queue", {"topic": consultation.topic})
    _notify_about_asker(urbanists_for(consultation), "consultation_new", queue_url)
    return consultation, token


def urbanists_for(consultation: Consultation) -> list[User]:
    """Urbanists of the request's topic who take requests (not paused), except the asker."""
    stmt = (
        select(User).join(UserSpecialty, UserSpecialty.user_id == User.id)
        .outerjoin(UrbanistProfile, UrbanistProfile.user_id == User.id)
        .where(User.is_urbanist, UserSpecialty.specialty == consultation.topic,
               UrbanistProfile.paused.is_not(True))
    )
    if consultation.asker_id is not None:
        stmt = stmt.where(User.id != consultation.asker_id)
    return list(db.session.scalars(stmt))


def _notify_about_asker(users, kind: str, url: str) -> None:
    """Notify users of something the asker did; the notice's time is rounded to the hour too,
    so that it does not record the moment the asker was here."""
    if not notify(users, kind, url):
        return
    hour = hour_of(utcnow())
    db.session.execute(
        update(Notification)
        .where(Notification.url == url, Notification.kind == kind, Notification.created_at > hour)
        .values(created_at=hour).execution_options(synchronize_session=False)
    )


# --- the lifecycle -----------------------------------------------------------------------------

def _move(consultation: Consultation, action: str, *conditions, **values) -> None:
    """Take the transition if the table allows it from the current state. The UPDATE checks the
    state again, so of two urbanists claiming at once only one wins; a refusal writes nothing."""
    before = consultation.state
    after = TRANSITIONS[action].get(before)
    if after is None:
        raise Refused(REFUSALS[action])
    if after == "closed_from":
        after = consultation.closed_from or "open"
    db.session.flush()
    result = db.session.execute(
        update(Consultation)
        .where(Consultation.id == consultation.id, Consultation.in_state(before), *conditions)
        .values(recorded_state=after, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise Refused(REFUSALS[action])
    db.session.refresh(consultation)


def held_by(user: User) -> Consultation | None:
    """The unanswered request user has taken, if any (an urbanist holds one at a time)."""
    stmt = select(Consultation).where(Consultation.urbanist_id == user.id,
                                      Consultation.in_state("claimed"))
    return db.session.scalars(stmt.limit(1)).first()


def claim(consultation: Consultation, urbanist: User) -> None:
    """The urbanist takes an open request; it is theirs until answered or the claim lapses."""
    if profile_of(urbanist).paused:
        raise Refused(_l("You have paused taking requests. Resume in your consultation settings "
                         "first."))
    if consultation.state == "open":
        current = held_by(urbanist)
        if current is not None and current.id != consultation.id:
            raise Refused(_l("You already hold a request. Answer it or give it back before "
                             "taking another."))
    _move(consultation, "claim", urbanist_id=urbanist.id, claimed_at=utcnow())
    if consultation.asker is not None:
        notify([consultation.asker], "consultation_claimed", thread_url(consultation))


def release(consultation: Consultation) -> None:
    """The urbanist gives an unanswered request back to the queue."""
    _move(consultation, "release", urbanist_id=None, claimed_at=None)


def write(consultation: Consultation, role: str, body: str,
          author: User | None = None) -> ConsultationMessage:
    """Add a message to the thread; the holding urbanist's first message is the answer."""
    by_asker = role == "asker"
    if consultation.state == "closed":
        raise Refused(REFUSALS["write"])
    if not by_asker and consultation.state == "open":
        raise Refused(_l("Take the request before answering it."))
    now = utcnow()
    if not by_asker and consultation.state == "claimed":
        _move(consultation, "answer", Consultation.urbanist_id == author.id, answered_at=now)
        kind = "consultation_answered"
    else:
        kind = "consultation_message"
    message = ConsultationMessage(
        consultation=consultation, by_asker=by_asker, author=None if by_asker else author,
        body=body.strip(), created_at=hour_of(now) if by_asker else now,
    )
    db.session.add(message)
    db.session.flush()
    if by_asker:
        holder = db.session.get(User, consultation.holder_id) if consultation.holder_id else None
        _notify_about_asker([holder], kind, thread_url(consultation))
    elif consultation.asker is not None:
        notify([consultation.asker], kind, thread_url(consultation))
    return message


def close(consultation: Consultation, helped: bool | None) -> None:
    """The asker closes the consultation, saying whether the answer helped (if there was one)."""
    before = consultation.state
    # Closing an open request (a lapsed claim included) leaves nobody holding it.
    unclaim = {"urbanist_id": None, "claimed_at": None} if before == "open" else {}
    _move(consultation, "close", closed_at=hour_of(utcnow()), closed_from=before,
          helped=helped if consultation.answered_at else None, **unclaim)
    if consultation.urbanist is not None and before != "open":
        _notify_about_asker([consultation.urbanist], "consultation_closed", thread_url(consultation))


def can_reopen(consultation: Consultation) -> bool:
    return consultation.state == "closed" and utcnow() <= consultation.reopen_until


def reopen(consultation: Consultation, role: str) -> None:
    """Asker or urbanist reopen a closed consultation, within CONSULTATION_REOPEN_DAYS."""
    if consultation.state == "closed" and not can_reopen(consultation):
        raise Refused(_l("It is too late to reopen this consultation: that is possible for "
                         "%(days)d days after closing. Ask a new question instead.",
                         days=current_app.config["CONSULTATION_REOPEN_DAYS"]))
    _move(consultation, "reopen", closed_at=None, closed_from=None, helped=None)
    if role == "asker":
        _notify_about_asker([consultation.urbanist], "consultation_reopened", thread_url(consultation))
    elif consultation.asker is not None:
        notify([consultation.asker], "consultation_reopened", thread_url(consultation))


def set_consent(consultation: Consultation, consent: bool) -> None:
    """The asker agrees to an anonymised public copy, or withdraws: the copy is then removed."""
    if consultation.answered_at is None:
        raise Refused(REFUSALS["consent"])
    if consent and not consultation.share_consent and consultation.urbanist is not None:
        _notify_about_asker([consultation.urbanist], "consultation_consent", thread_url(consultation))
    consultation.share_consent = consent
    if not consent and consultation.published is not None:
        db.session.delete(consultation.published)
    db.session.flush()


def can_publish(consultation: Consultation) -> bool:
    return bool(consultation.share_consent and consultation.answered_at
                and consultation.state in ("answered", "closed") and consultation.published is None)


def draft_answer(consultation: Consultation) -> str:
    """The urbanist's messages, as the starting text of the public answer."""
    return "\n\n".join(m.body for m in consultation.messages if not m.by_asker)


def publish(consultation: Consultation, urbanist: User, question: str, answer: str,
            city: str) -> PublishedAnswer:
    """The answering urbanist publishes an anonymised copy, as edited in the publish form."""
    if not can_publish(consultation):
        raise Refused(REFUSALS["publish"])
    question, answer, city = question.strip(), answer.strip(), city.strip()
    published = PublishedAnswer(
        public_id=new_public_id(), consultation=consultation, urbanist=urbanist,
        topic=consultation.topic, language=consultation.language, city=city,
        question=question, answer=answer,
        search_text=" ".join((question, answer, city)).casefold(),
    )
    db.session.add(published)
    db.session.flush()
    return published


# --- lists -------------------------------------------------------------------------------------

def queue(urbanist: User, topics: list[str] | None, language: str | None, city: str) -> Select:
    """Open requests (lapsed claims included), oldest first; never the urbanist's own questions."""
    stmt = select(Consultation).where(Consultation.in_state("open"))
    stmt = stmt.where((Consultation.asker_id != urbanist.id) | Consultation.asker_id.is_(None))
    if topics:
        stmt = stmt.where(Consultation.topic.in_(topics))
    if language:
        stmt = stmt.where(Consultation.language == language)
    if city:
        stmt = stmt.where(Consultation.city_key == city.casefold())
    return stmt.order_by(Consultation.created_at, Consultation.id)


def asked_by(user: User, limit: int = 100) -> list[Consultation]:
    """The questions user asked while signed in (not their anonymous ones: nothing links those)."""
    stmt = (select(Consultation).where(Consultation.asker_id == user.id)
            .order_by(Consultation.created_at.desc(), Consultation.id.desc()).limit(limit))
    return list(db.session.scalars(stmt))


def taken_by(urbanist: User, limit: int = 100) -> list[Consultation]:
    """The consultations the urbanist holds or answered (lapsed claims left out)."""
    stmt = (select(Consultation).where(Consultation.urbanist_id == urbanist.id,
                                       ~Consultation.in_state("open"))
            .order_by(Consultation.recorded_state == "closed", Consultation.claimed_at.desc())
            .limit(limit))
    return list(db.session.scalars(stmt))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def answers(q: str = "", topic: str | None = None, urbanist: User | None = None) -> Select:
    """Published answers matching the search, newest first."""
    stmt = select(PublishedAnswer)
    if q:
        stmt = stmt.where(PublishedAnswer.search_text.like(f"%{_escape_like(q.casefold())}%",
                                                           escape="\\"))
    if topic:
        stmt = stmt.where(PublishedAnswer.topic == topic)
    if urbanist is not None:
        stmt = stmt.where(PublishedAnswer.urbanist_id == urbanist.id)
    return stmt.order_by(PublishedAnswer.published_at.desc(), PublishedAnswer.id.desc())


def answer_by_public_id(public_id: str) -> PublishedAnswer | None:
    return db.session.scalar(select(PublishedAnswer).where(PublishedAnswer.public_id == public_id))


def page(stmt: Select, number: int) -> Page:
    return page_of(stmt, number, current_app.config["PER_PAGE"])


# --- urbanists ---------------------------------------------------------------------------------

def profile_of(user: User) -> UrbanistProfile:
    """The urbanist's profile; a blank one (not added to the session) if they never saved one."""
    return db.session.get(UrbanistProfile, user.id) or UrbanistProfile(
        user_id=user.id, languages=[], cities="", paused=False)


def save_profile(user: User, languages: list[str], cities: str, paused: bool) -> UrbanistProfile:
    profile = db.session.get(UrbanistProfile, user.id)
    if profile is None:
        profile = UrbanistProfile(user_id=user.id)
        db.session.add(profile)
    profile.languages = sorted(set(languages))
    profile.cities = cities.strip()
    profile.paused = paused
    db.session.flush()
    return profile


@dataclass
class UrbanistCard:
    user: User
    profile: UrbanistProfile
    answered: int
    rated: int
    helpful: int

    @property
    def helpful_share(self) -> int | None:
        """Per cent of rated answers the askers found helpful; None before any rating."""
        return round(100 * self.helpful / self.rated) if self.rated else None


def urbanist_cards(users: list[User]) -> list[UrbanistCard]:
    """Users with their profiles and answer statistics, in the order given."""
    ids = [u.id for u in users]
    if not ids:
        return []
    profiles = {p.user_id: p for p in db.session.scalars(
        select(UrbanistProfile).where(UrbanistProfile.user_id.in_(ids)))}
    rows = db.session.execute(
        select(Consultation.urbanist_id, func.count(), func.count(Consultation.helped),
               func.count(case((Consultation.helped.is_(True), 1))))
        .where(Consultation.urbanist_id.in_(ids), Consultation.answered_at.is_not(None))
        .group_by(Consultation.urbanist_id)
    ).all()
    stats = {row[0]: row[1:] for row in rows}
    return [UrbanistCard(u, profiles.get(u.id) or profile_of(u), *stats.get(u.id, (0, 0, 0)))
            for u in users]


def urbanists(specialty: str | None = None, language: str | None = None) -> list[UrbanistCard]:
    """The directory: every urbanist, by the name people see, filtered by specialty and language."""
    stmt = select(User).where(User.is_urbanist)
    if specialty:
        stmt = stmt.where(User.id.in_(select(UserSpecialty.user_id)
                                      .where(UserSpecialty.specialty == specialty)))
    users = sorted(db.session.scalars(stmt), key=lambda u: u.name.casefold())
    # Languages are a short JSON list and urbanists are few: filter here, the same on both engines.
    return [c for c in urbanist_cards(users) if not language or language in (c.profile.languages or [])]


def urbanist_by_username(username: str) -> User | None:
    from ..accounts.services import by_username

    user = by_username(username)
    return user if user is not None and user.is_urbanist else None


def new_since_asker(consultation: Consultation) -> set[int]:
    """Ids of urbanist messages after the asker's last one: what the asker has not answered yet.
    The secret-link page shows these as new, since an anonymous asker gets no notifications."""
    last_asker = max((m.id for m in consultation.messages if m.by_asker), default=0)
    return {m.id for m in consultation.messages if not m.by_asker and m.id > last_asker}


def claim_days() -> int:
    return current_app.config["CONSULTATION_CLAIM_DAYS"]
