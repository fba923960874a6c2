"""Guides: the list and search, a guide's page, print and history; writing and editing guides and
their steps (admins and urbanists); and the idea wizard at /start."""

from urllib.parse import urlencode

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from ..forms import choices
from ..htmx import render
from . import bp, services, wizard
from .forms import (
    GuideEditForm,
    GuideFilterForm,
    GuideForm,
    MoveForm,
    RevisionForm,
    StepForm,
    TranslateForm,
    WizardForm,
)
from .models import FIELD_LABELS

LEGAL_CONSULTATION_URL = "/consultations/new?topic=law"  # the consultations feature's form


def _locale() -> str:
    return str(get_locale())


# --- reading --------------------------------------------------------------------------------

@bp.get("/guides")
def index():
    """All guides, one language version each, searchable by text and category."""
    form = GuideFilterForm(formdata=request.args)
    if not form.validate():
        return render("guides/list.html", "guides/_results.html", 400, form=form, guides=None)
    guides = services.search(current_user, _locale(), (form.q.data or "").strip(),
                             form.category.data or None)
    return render("guides/list.html", "guides/_results.html", form=form, guides=guides,
                  can_edit=services.can_edit(current_user))


def _load(public_id: str):
    """The guide if this person may see it; a draft is as missing as a guide that never was."""
    guide = services.by_public_id(public_id)
    if guide is None or not services.visible_to(guide, current_user):
        abort(404)
    return guide


def _load_editable(public_id: str):
    guide = _load(public_id)
    if not services.can_edit(current_user):
        abort(403)
    return guide


def _initiative_url(guide) -> str:
    """A draft initiative that follows the guide: the organiser completes it in the form, where
    following the guide (robimgood.guided) is offered ticked."""
    guide_url = url_for("guides.detail", public_id=guide.public_id, slug=guide.slug)
    draft = {"category": guide.category, "description": wizard.guide_description(guide, guide_url),
             "guide": guide.public_id}
    return url_for("initiatives.create") + "?" + urlencode(draft)


@bp.get("/guides/<public_id>", defaults={"slug": None})
@bp.get("/guides/<public_id>/<slug>")
def detail(public_id, slug):
    """A guide's page; a stale or missing slug redirects to the canonical URL."""
    guide = _load(public_id)
    if slug != guide.slug:
        return redirect(url_for(".detail", public_id=public_id, slug=guide.slug), 301)
    return render_template("guides/detail.html", guide=guide,
                           translations=services.translations(guide, current_user),
                           can_edit=services.can_edit(current_user),
                           initiative_url=_initiative_url(guide),
                           legal_url=LEGAL_CONSULTATION_URL)


@bp.get("/guides/<public_id>/print")
def print_version(public_id):
    """Every step on one plain page, for paper."""
    guide = _load(public_id)
    return render_template("guides/print.html", guide=guide, legal_url=LEGAL_CONSULTATION_URL)


@bp.get("/guides/<public_id>/history")
def history(public_id):
    """Who changed the guide, when, and which steps."""
    guide = _load(public_id)
    return render_template("guides/history.html", guide=guide, rows=services.history(guide),
                           labels=FIELD_LABELS)


# --- writing --------------------------------------------------------------------------------

def _conflict(form, guide) -> bool:
    """True when someone saved the guide since this form was opened. The form then shows the
    current revision, so saving again is a conscious choice to replace their change."""
    if form.revision.data == guide.revision:
        return False
    form.revision.data, form.revision.raw_data = guide.revision, [str(guide.revision)]
    form.form_errors.append(_("Someone else saved this guide while you were editing it. Your text "
                              "is kept below; open the guide in another tab to compare, then save "
                              "again to replace their change."))
    return True


@bp.route("/guides/new", methods=["GET", "POST"])
@login_required
def create():
    """Start a new guide, as a draft (admins and urbanists)."""
    if not services.can_edit(current_user):
        abort(403)
    form = GuideForm()
    if request.method == "GET":
        form.language.data = _locale()
    if form.validate_on_submit():
        guide = services.create(current_user, form.to_data())
        db.session.commit()
        flash(_("The draft is saved. Now add its steps."), "success")
        return redirect(url_for(".edit", public_id=guide.public_id), 303)
    return render_template("guides/form.html", form=form, guide=None), 400 if form.errors else 200


def _edit_page(guide, form, status=None):
    translate_form = TranslateForm(formdata=None)
    translate_form.language.choices = choices(services.missing_languages(guide))
    return render_template(
        "guides/form.html", form=form, guide=guide, translate_form=translate_form,
        can_delete=services.can_delete(current_user),
    ), status or (400 if form.errors else 200)


@bp.route("/guides/<public_id>/edit", methods=["GET", "POST"])
@login_required
def edit(public_id):
    """Change a guide's title, summary, category, language and status; list its steps."""
    guide = _load_editable(public_id)
    form = GuideEditForm(obj=guide)
    if not form.validate_on_submit():
        return _edit_page(guide, form)
    if _conflict(form, guide):
        return _edit_page(guide, form, 409)
    if services.language_taken(guide.family, form.language.data, besides=guide):
        form.language.errors.append(_("This guide has a version in that language already."))
        return _edit_page(guide, form)
    if form.status.data == "published" and not guide.steps:
        form.status.errors.append(_("Add at least one step before publishing."))
        return _edit_page(guide, form)
    services.update(guide, current_user, form.to_data())
    db.session.commit()
    flash(_("Changes saved."), "success")
    return redirect(url_for(".edit", public_id=guide.public_id), 303)


def _step_page(guide, form, step, status=None):
    return render_template("guides/step_form.html", guide=guide, form=form, step=step), \
        status or (400 if form.errors else 200)


@bp.route("/guides/<public_id>/steps/new", methods=["GET", "POST"])
@login_required
def add_step(public_id):
    """Add a step at the end of the guide."""
    guide = _load_editable(public_id)
    form = StepForm()
    if request.method == "GET":
        form.revision.data = guide.revision
    if not form.validate_on_submit():
        return _step_page(guide, form, None)
    if _conflict(form, guide):
        return _step_page(guide, form, None, 409)
    services.add_step(guide, current_user, form.to_data())
    db.session.commit()
    flash(_("The step is added."), "success")
    return redirect(url_for(".edit", public_id=guide.public_id, _anchor="steps"), 303)


def _load_step(guide, step_id: int):
    step = services.step_of(guide, step_id)
    if step is None:
        abort(404)
    return step


@bp.route("/guides/<public_id>/steps/<int:step_id>/edit", methods=["GET", "POST"])
@login_required
def edit_step(public_id, step_id):
    """Change one step."""
    guide = _load_editable(public_id)
    step = _load_step(guide, step_id)
    form = StepForm(obj=step)
    if request.method == "GET":
        form.revision.data = guide.revision
    if not form.validate_on_submit():
        return _step_page(guide, form, step)
    if _conflict(form, guide):
        return _step_page(guide, form, step, 409)
    services.update_step(step, current_user, form.to_data())
    db.session.commit()
    flash(_("The step is saved."), "success")
    return redirect(url_for(".edit", public_id=guide.public_id, _anchor="steps"), 303)


def _check_revision(form, guide) -> None:
    """For the buttons (move, remove): a stale page is refused, nothing is changed."""
    if not form.validate():
        abort(400, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    if form.revision.data != guide.revision:
        abort(409, _("Someone else changed this guide meanwhile. Reload it and try again."))


@bp.post("/guides/<public_id>/steps/<int:step_id>/move")
@login_required
def move_step(public_id, step_id):
    """Move a step to another position; the others close up."""
    guide = _load_editable(public_id)
    step = _load_step(guide, step_id)
    form = MoveForm()
    _check_revision(form, guide)
    if form.position.data > len(guide.steps):
        abort(400, _("The position must be between 1 and %(count)d.", count=len(guide.steps)))
    services.move_step(step, current_user, form.position.data)
    db.session.commit()
    return redirect(url_for(".edit", public_id=guide.public_id, _anchor="steps"), 303)


@bp.route("/guides/<public_id>/steps/<int:step_id>/delete", methods=["GET", "POST"])
@login_required
def remove_step(public_id, step_id):
    """Ask, then remove a step; a published guide keeps at least one."""
    guide = _load_editable(public_id)
    step = _load_step(guide, step_id)
    form = RevisionForm()
    if request.method == "GET":
        form.revision.data = guide.revision
        return render_template("guides/remove_step.html", guide=guide, step=step, form=form)
    _check_revision(form, guide)
    if guide.is_published and len(guide.steps) == 1:
        abort(409, _("A published guide needs at least one step. Make it a draft first."))
    services.remove_step(step, current_user)
    db.session.commit()
    flash(_("The step is removed."), "success")
    return redirect(url_for(".edit", public_id=guide.public_id, _anchor="steps"), 303)


@bp.post("/guides/<public_id>/translate")
@login_required
def translate(public_id):
    """Start a translation: a draft copy in another language, to be rewritten."""
    guide = _load_editable(public_id)
    form = TranslateForm()
    if not form.validate():
        abort(400, _("Choose one of the languages offered."))
    if services.language_taken(guide.family, form.language.data):
        abort(409, _("This guide has a version in that language already."))
    copy = services.translate(guide, current_user, form.language.data)
    db.session.commit()
    flash(_("A draft translation is made. Rewrite its title, summary and steps."), "success")
    return redirect(url_for(".edit", public_id=copy.public_id), 303)


@bp.route("/guides/<public_id>/delete", methods=["GET", "POST"])
@login_required
def delete(public_id):
    """Ask, then delete a guide with its history (admins only)."""
    guide = _load_editable(public_id)
    if not services.can_delete(current_user):
        abort(403)
    if request.method == "POST":
        services.delete(guide)
        db.session.commit()
        flash(_("The guide is deleted."), "success")
        return redirect(url_for(".index"), 303)
    return render_template("guides/delete.html", guide=guide)


# --- the idea wizard ------------------------------------------------------------------------

@bp.get("/start")
def start():
    """The idea wizard: one question at a time, answers carried in the URL, nothing stored."""
    form = WizardForm(formdata=request.args)
    valid = form.validate()
    answers = form.answers()
    question = next((q for q in wizard.QUESTIONS if q.name not in answers), None)
    if valid and question is not None and form.asked.data == question.name:
        form[question.name].errors = [_("Choose one of the answers.")]
        valid = False
    # The address that asks a question again, with the answers before it.
    change_urls = {q.name: url_for(".start", **{p.name: answers[p.name] for p in wizard.QUESTIONS[:i]})
                   for i, q in enumerate(wizard.QUESTIONS) if q.name in answers}
    context = {"form": form, "answers": answers, "question": question,
               "questions": wizard.QUESTIONS, "change_urls": change_urls}
    if question is None:
        context.update(_plan(answers))
    return render("guides/start.html", "guides/_wizard.html", 200 if valid else 400, **context)


def _plan(answers: dict[str, str]) -> dict:
    """The recommended guides and the pre-filled draft initiative for complete answers."""
    recommendation = wizard.recommend(answers)
    found = services.published_in_families(recommendation.families, _locale())
    guides = [found[f] for f in recommendation.families if f in found]
    if not guides:
        guides = services.search(None, _locale(),
                                 category=wizard.GOAL_CATEGORIES[answers["goal"]])[:3]
    main = guides[0] if guides else None
    guide_url = url_for(".detail", public_id=main.public_id, slug=main.slug) if main else ""
    draft = wizard.draft_initiative(answers, main, guide_url)
    return {"guides": guides, "notes": recommendation.notes,
            "initiative_url": url_for("initiatives.create") + "?" + urlencode(draft)}
