"""Asking, the urbanists' queue, private threads (by account or secret link), published answers
and the urbanist directory."""

from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import TITLES
from ..extensions import db, limiter
from ..forms import choices
from ..htmx import is_htmx, render
from ..initiatives import services as initiative_services
from . import MASKED_PATH, bp, services
from .forms import (
    AnswersFilterForm,
    AskForm,
    CloseForm,
    ConsentForm,
    MessageForm,
    PublishForm,
    QueueFilterForm,
    UrbanistFilterForm,
    UrbanistSettingsForm,
)

ASK_LIMIT = "5 per hour; 20 per day"
MESSAGE_LIMIT = "30 per hour; 200 per day"


@bp.errorhandler(services.Refused)
def refused(err: services.Refused):
    """A lifecycle step the current state does not allow: 409, and nothing was written. HTMX
    cannot show an error page in place, so it reloads the page, which shows why."""
    db.session.rollback()
    if is_htmx():
        flash(str(err), "info")
        return "", 409, {"HX-Refresh": "true"}
    return render_template("errors/error.html", status=409, title=TITLES[409],
                           explanation=str(err)), 409


@bp.app_template_filter("hour_span")
def hour_span(moment) -> str:
    """A time rounded to the hour, shown as that hour: "27 Nov 2026, 18:00–19:00"."""
    return _("%(day)s, %(start)s–%(end)s", day=format_date(moment, "medium"),
             start=format_time(moment, "short"), end=format_time(moment + timedelta(hours=1), "short"))


@bp.after_request
def keep_secret_links_private(response):
    """Secret-link pages are never cached, and the link is masked before the access log sees it
    (gunicorn logs the PATH_INFO and RAW_URI of the environ it passed to the app)."""
    if "token" in (request.view_args or {}) or request.endpoint == "consultations.new":
        response.headers["Cache-Control"] = "no-store"
    if "token" in (request.view_args or {}):
        suffix = request.path.split("/", 3)[3] if request.path.count("/") > 2 else ""
        masked = MASKED_PATH + ("/" + suffix if suffix else "")
        for key in ("PATH_INFO", "RAW_URI", "REQUEST_URI"):
            if key in request.environ:
                request.environ[key] = masked
    return response


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100000:
        abort(400, _("The page number must be a whole number from 1."))
    return int(raw)


def _load(public_id: str):
    consultation = services.by_public_id(public_id)
    if consultation is None:
        abort(404)
    return consultation


def _by_token(token: str):
    """The consultation of a secret link; a wrong or malformed token is the same 404 as a
    missing consultation."""
    consultation = services.by_token(token)
    if consultation is None:
        abort(404)
    return consultation


def _authorize(consultation, action: str) -> str:
    """The signed-in person's role if they may ask for action; 404 to those who may not even
    see the consultation, 403 to those who see it but may not do this."""
    role = services.role_of(current_user, consultation)
    if action == "claim":
        # An urbanist who saw the request in the queue learns only that it is no longer open.
        if not current_user.is_urbanist:
            abort(404 if role is None else 403)
        if role == "asker":
            abort(403)
        return role
    if role is None:
        abort(404)
    if role not in services.MAY[action]:
        abort(403)
    return role


def _url(consultation, token: str | None, action: str = "thread") -> str:
    """The address of a thread page or action, through the secret link when there is one."""
    if token:
        return url_for(f".secret_{action}", token=token)
    return url_for(f".{action}", public_id=consultation.public_id)


def _thread_page(consultation, role: str, token: str | None = None, status: int = 200, **forms):
    """The thread with the forms its reader may use (those given carry their errors)."""
    forms.setdefault("message_form", MessageForm(formdata=None))
    forms.setdefault("close_form", CloseForm(formdata=None))
    return render(
        "consultations/thread.html", "consultations/_thread.html", status,
        c=consultation, role=role, token=token, asker=services.asker_label(consultation, role),
        new_ids=services.new_since_asker(consultation) if role == "asker" else set(),
        can_reopen=services.can_reopen(consultation), can_publish=services.can_publish(consultation),
        may=lambda action: role in services.MAY[action],
        url=lambda action="thread": _url(consultation, token, action), **forms,
    )


# --- asking ------------------------------------------------------------------------------------

@bp.get("/consultations")
def index():
    """What consultations are; my questions, and for urbanists what they hold."""
    mine = services.asked_by(current_user) if current_user.is_authenticated else []
    taken = services.taken_by(current_user) if getattr(current_user, "is_urbanist", False) else []
    return render_template("consultations/index.html", mine=mine, taken=taken)


@bp.route("/consultations/new", methods=["GET", "POST"])
@limiter.limit(ASK_LIMIT, methods=["POST"])
def new():
    """Ask a question, signed in or anonymously; an anonymous asker gets the secret link once."""
    form = AskForm()
    initiatives = []
    if current_user.is_authenticated:
        initiatives = initiative_services.by_organiser(current_user)
        form.initiative.choices = choices({i.public_id: i.title for i in initiatives}, _("None"))
    else:
        del form.initiative, form.show_name, form.anonymous
    if request.method == "GET":
        form.language.data = str(get_locale())
        chosen = next((i for i in initiatives if i.public_id == request.args.get("initiative")), None)
        if chosen is not None:
            form.initiative.data, form.city.data = chosen.public_id, chosen.city
    if form.validate_on_submit():
        anonymous = not current_user.is_authenticated or form.anonymous.data
        initiative = None if anonymous else next(
            (i for i in initiatives if i.public_id == form.initiative.data), None)
        consultation, token = services.ask(
            None if anonymous else current_user, form.topic.data, form.question.data,
            form.language.data, form.city.data or "", initiative,
            show_name=not anonymous and form.show_name.data)
        db.session.commit()
        if token:
            # Shown here once and never stored: no redirect, so the link is in no URL or cookie.
            return render_template("consultations/sent.html", consultation=consultation,
                                   link=url_for(".secret_thread", token=token, _external=True)), 201
        flash(_("Your question is in the queue. You will be notified when an urbanist takes it."),
              "success")
        return redirect(services.thread_url(consultation), 303)
    return render_template("consultations/ask.html", form=form,
                           has_initiatives=bool(initiatives)), 400 if form.errors else 200


# --- the urbanists' queue ----------------------------------------------------------------------

@bp.get("/consultations/queue")
@login_required
def queue():
    """Open requests for urbanists, filtered by topic, language and city; HTMX gets the list."""
    if not current_user.is_urbanist:
        abort(403)
    form = QueueFilterForm(formdata=request.args)
    number = _page_number()
    if not form.validate():
        return render("consultations/queue.html", "consultations/_queue.html", 400, form=form,
                      page=None, held=None, paused=False)
    stmt = services.queue(current_user, form.topics(current_user.specialty_codes),
                          form.language.data or None, form.city.data or "")
    return render("consultations/queue.html", "consultations/_queue.html", form=form,
                  page=services.page(stmt, number), held=services.held_by(current_user),
                  paused=services.profile_of(current_user).paused)


@bp.route("/consultations/settings", methods=["GET", "POST"])
@login_required
def settings():
    """An urbanist's languages, cities, and the pause switch."""
    if not current_user.is_urbanist:
        abort(403)
    form = UrbanistSettingsForm(obj=services.profile_of(current_user))
    if form.validate_on_submit():
        services.save_profile(current_user, form.languages.data or [], form.cities.data or "",
                              form.paused.data)
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for(".settings"), 303)
    return render_template("consultations/settings.html", form=form), 400 if form.errors else 200


# --- a thread, for people with an account ------------------------------------------------------

@bp.get("/consultations/<public_id>")
@login_required
def thread(public_id):
    """The private thread; another urbanist sees only an open request, without its asker."""
    consultation = _load(public_id)
    role = services.role_of(current_user, consultation)
    if role == "colleague":
        return render_template("consultations/request.html", c=consultation,
                               held=services.held_by(current_user),
                               paused=services.profile_of(current_user).paused)
    _authorize(consultation, "read")
    return _thread_page(consultation, role)


@bp.post("/consultations/<public_id>/claim")
@login_required
def claim(public_id):
    """An urbanist takes an open request."""
    consultation = _load(public_id)
    _authorize(consultation, "claim")
    services.claim(consultation, current_user)
    db.session.commit()
    flash(_("The request is yours. Please answer within %(days)d days, or it returns to the queue.",
            days=services.claim_days()), "success")
    return redirect(services.thread_url(consultation), 303)


@bp.post("/consultations/<public_id>/release")
@login_required
def release(public_id):
    """The urbanist gives an unanswered request back to the queue."""
    consultation = _load(public_id)
    _authorize(consultation, "release")
    services.release(consultation)
    db.session.commit()
    flash(_("The request is back in the queue."), "success")
    return redirect(url_for(".queue"), 303)


@bp.post("/consultations/<public_id>/messages")
@login_required
@limiter.shared_limit(MESSAGE_LIMIT, scope="consultation-messages")
def messages(public_id):
    """Write in the thread: the asker, or the urbanist holding it (whose first message answers)."""
    consultation = _load(public_id)
    return _write(consultation, _authorize(consultation, "write"))


@bp.post("/consultations/<public_id>/close")
@login_required
def close(public_id):
    """The asker closes the consultation, saying whether it helped."""
    consultation = _load(public_id)
    return _close(consultation, _authorize(consultation, "close"))


@bp.post("/consultations/<public_id>/reopen")
@login_required
def reopen(public_id):
    """The asker or the urbanist reopens a closed consultation, within the time limit."""
    consultation = _load(public_id)
    return _reopen(consultation, _authorize(consultation, "reopen"))


@bp.post("/consultations/<public_id>/consent")
@login_required
def consent(public_id):
    """The asker agrees to (or withdraws from) an anonymised public copy."""
    consultation = _load(public_id)
    _authorize(consultation, "consent")
    return _consent(consultation)


@bp.route("/consultations/<public_id>/publish", methods=["GET", "POST"])
@login_required
def publish(public_id):
    """The answering urbanist edits and publishes an anonymised copy, with the asker's consent."""
    consultation = _load(public_id)
    _authorize(consultation, "publish")
    if not services.can_publish(consultation):
        raise services.Refused(services.REFUSALS["publish"])
    form = PublishForm(data={"question": consultation.question, "city": consultation.city,
                             "answer": services.draft_answer(consultation)})
    if form.validate_on_submit():
        published = services.publish(consultation, current_user, form.question.data,
                                     form.answer.data, form.city.data or "")
        db.session.commit()
        flash(_("The answer is published."), "success")
        return redirect(url_for(".answer", public_id=published.public_id), 303)
    return render_template("consultations/publish.html", form=form, c=consultation), \
        400 if form.errors else 200


# --- a thread, through the secret link ---------------------------------------------------------

@bp.get("/c/<token>")
def secret_thread(token):
    """The anonymous asker's thread: state, messages (new ones marked), and what they can do."""
    return _thread_page(_by_token(token), "asker", token)


@bp.post("/c/<token>/messages")
@limiter.shared_limit(MESSAGE_LIMIT, scope="consultation-messages")
def secret_messages(token):
    """The anonymous asker writes in the thread."""
    return _write(_by_token(token), "asker", token)


@bp.post("/c/<token>/close")
def secret_close(token):
    """The anonymous asker closes the consultation."""
    return _close(_by_token(token), "asker", token)


@bp.post("/c/<token>/reopen")
def secret_reopen(token):
    """The anonymous asker reopens a closed consultation."""
    return _reopen(_by_token(token), "asker", token)


@bp.post("/c/<token>/consent")
def secret_consent(token):
    """The anonymous asker agrees to (or withdraws from) a public copy."""
    return _consent(_by_token(token), token)


# What the two kinds of thread address share, once the consultation is loaded and authorised.

def _write(consultation, role: str, token: str | None = None):
    form = MessageForm()
    if not form.validate_on_submit():
        return _thread_page(consultation, role, token, 400, message_form=form)
    services.write(consultation, role, form.body.data,
                   author=current_user if role == "urbanist" else None)
    db.session.commit()
    return redirect(_url(consultation, token) + "#latest", 303)


def _close(consultation, role: str, token: str | None = None):
    form = CloseForm()
    if form.validate_on_submit() and consultation.state != "closed" and consultation.answered_at \
            and not form.helped.data:
        form.helped.errors.append(_("Please say whether the answer helped."))
    if form.errors:
        return _thread_page(consultation, role, token, 400, close_form=form)
    services.close(consultation, {"yes": True, "no": False}.get(form.helped.data))
    db.session.commit()
    flash(_("The consultation is closed. Thank you!"), "success")
    return redirect(_url(consultation, token), 303)


def _reopen(consultation, role: str, token: str | None = None):
    services.reopen(consultation, role)
    db.session.commit()
    flash(_("The consultation is open again."), "success")
    return redirect(_url(consultation, token), 303)


def _consent(consultation, token: str | None = None):
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400, _("Choose whether you agree to publishing."))
    services.set_consent(consultation, form.consent.data == "yes")
    db.session.commit()
    flash(_("Thank you: the urbanist may publish an anonymised copy.") if form.consent.data == "yes"
          else _("Noted: nothing from this consultation is public."), "success")
    return redirect(_url(consultation, token), 303)


# --- public answers and urbanists --------------------------------------------------------------

@bp.get("/consultations/answers")
def answers():
    """Published, anonymised questions and answers, with search; HTMX gets the results."""
    form = AnswersFilterForm(formdata=request.args)
    number = _page_number()
    if not form.validate():
        return render("consultations/answers.html", "consultations/_answers.html", 400,
                      form=form, page=None)
    stmt = services.answers((form.q.data or "").strip(), form.topic.data or None)
    return render("consultations/answers.html", "consultations/_answers.html", form=form,
                  page=services.page(stmt, number))


@bp.get("/consultations/answers/<public_id>")
def answer(public_id):
    """One published question and answer."""
    published = services.answer_by_public_id(public_id)
    if published is None:
        abort(404)
    return render_template("consultations/answer.html", a=published)


@bp.get("/urbanists")
def urbanists():
    """The urbanists who answer consultations, with what they know and how they have helped."""
    form = UrbanistFilterForm(formdata=request.args)
    if not form.validate():
        return render_template("consultations/urbanists.html", form=form, cards=[]), 400
    cards = services.urbanists(form.specialty.data or None, form.language.data or None)
    return render_template("consultations/urbanists.html", form=form, cards=cards)


@bp.get("/urbanists/<username>")
def urbanist(username):
    """An urbanist's public profile and the answers they published."""
    user = services.urbanist_by_username(username)
    if user is None:
        abort(404)
    card = services.urbanist_cards([user])[0]
    published = services.page(services.answers(urbanist=user), 1)
    return render_template("consultations/urbanist.html", card=card, published=published)
