"""Following a guide: choosing it for an initiative, taking the guide's later changes, dropping
it, and skipping a step of the checklist with a reason. For the initiative's organisers only.

Every action is a plain form that ends with a redirect (303) to the page it came from; a
refusal changes nothing."""

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..community import services as community
from ..extensions import db
from ..forms import choices
from ..guides.models import FIELD_LABELS

# A module import: initiatives.services may still be loading when this module is imported.
from ..initiatives import services as initiative_services
from . import bp, hooks, services
from .forms import REMOVE, AdoptForm, DropForm, SkipForm, UpToDateForm
from .services import GuidedError


def _locale() -> str:
    return str(get_locale())


@bp.app_context_processor
def guided_helpers():
    def guide_panel(initiative) -> services.Panel:
        """The guide parts of an initiative's page, computed once per request."""
        cache = g.setdefault("guide_panels", {})
        if initiative.id not in cache:
            cache[initiative.id] = services.panel(initiative, current_user, _locale())
        return cache[initiative.id]

    def initiatives_to_guide():
        return services.initiatives_to_guide(current_user)

    return {"guide_panel": guide_panel, "initiatives_to_guide": initiatives_to_guide,
            "guide_follower_count": services.follower_count,
            "guide_follow_choice": hooks.follow_choice, "guided_adopt_form": _adopt_form,
            "guided_update_form": _update_form, "guide_field_labels": FIELD_LABELS}


def _adopt_form(panel: services.Panel, form: AdoptForm | None = None) -> AdoptForm:
    """The form to choose a guide, offering the published ones (a blank choice first)."""
    form = form if form is not None else AdoptForm(formdata=None)
    form.guide.choices = choices({guide.public_id: guide.title for guide in panel.choices},
                                 _("Choose a guide…"))
    return form


def _update_form(panel: services.Panel, form: UpToDateForm | None = None) -> UpToDateForm:
    """The form to take the guide's new steps: each offered, ticked, at the revision shown."""
    new_steps = panel.changes.new_steps
    if form is None:
        form = UpToDateForm(formdata=None, revision=panel.changes.revision,
                            steps=[s.id for s in new_steps])
    form.steps.choices = choices({s.id: s.title for s in new_steps})
    return form


# --- loading -------------------------------------------------------------------------------

def _organised(public_id: str):
    """The initiative, if the signed-in person organises it: 404 if there is none, else 403."""
    initiative = initiative_services.by_public_id(public_id, current_user)
    if initiative is None:
        abort(404)
    if not community.is_organiser(current_user, initiative):
        abort(403)
    return initiative


def _adoption(initiative):
    adoption = services.adoption_of(initiative)
    if adoption is None:
        abort(409, _("This initiative follows no guide."))
    return adoption


def _milestone(initiative, milestone_id: int):
    """A step of this initiative's checklist; another initiative's step is as missing as none."""
    milestone = community.milestone_in(initiative, milestone_id)
    if milestone is None:
        abort(404)
    return milestone


def _to_initiative(initiative, message: str, anchor: str = "guide"):
    flash(message, "success")
    return redirect(url_for("initiatives.detail", public_id=initiative.public_id,
                            slug=initiative.slug, _anchor=anchor), 303)


def _guide_page(initiative, adopt_form=None, update_form=None, status=200):
    """The organisers' page about the guide: the same panel as on the initiative's page."""
    panel = services.panel(initiative, current_user, _locale())
    g.setdefault("guide_panels", {})[initiative.id] = panel
    return render_template("guided/guide.html", initiative=initiative, adopt_form=adopt_form,
                           update_form=update_form), status


# --- following a guide ---------------------------------------------------------------------

@bp.get("/i/<public_id>/guide")
@login_required
def guide(public_id):
    """Choose a guide to follow, or see what changed in the one followed."""
    return _guide_page(_organised(public_id))


@bp.post("/i/<public_id>/guide")
@login_required
def adopt(public_id):
    """Follow a published guide: its steps join the checklist."""
    initiative = _organised(public_id)
    form = AdoptForm()
    guide = None
    if form.validate() and (guide := services.published_guide(form.guide.data)) is None:
        form.guide.errors.append(_("There is no such published guide. Choose one from the list."))
    if guide is None:
        return _guide_page(initiative, adopt_form=form, status=400)
    try:
        services.adopt(initiative, guide)
    except GuidedError as err:
        abort(409, str(err))
    db.session.commit()
    return _to_initiative(initiative, _("Your initiative follows the guide “%(title)s”: its steps are "
                                        "in the checklist.", title=guide.title))


@bp.post("/i/<public_id>/guide/update")
@login_required
def bring_up_to_date(public_id):
    """Take the guide's new steps that were ticked, and its current revision as the reference."""
    initiative = _organised(public_id)
    adoption = _adoption(initiative)
    found = services.changes(initiative, adoption)
    form = UpToDateForm()
    form.steps.choices = choices({s.id: s.title for s in found.new_steps})
    if not form.validate():
        return _guide_page(initiative, update_form=form, status=400)
    if form.revision.data != adoption.guide.revision:
        abort(409, _("The guide has changed again meanwhile. Look at the changes once more."))
    added = services.bring_up_to_date(initiative, adoption, form.steps.data or [])
    db.session.commit()
    return _to_initiative(initiative, ngettext(
        "%(num)d new step is added to the checklist.", "%(num)d new steps are added to the checklist.",
        len(added)) if added else _("The changes are marked as seen; your checklist stays as it was."))


@bp.route("/i/<public_id>/guide/drop", methods=["GET", "POST"])
@login_required
def drop(public_id):
    """Ask, then stop following the guide, keeping or removing its steps."""
    initiative = _organised(public_id)
    adoption = _adoption(initiative)
    form = DropForm()
    if request.method == "GET" or not form.validate():
        items = services.guide_items(initiative, adoption)
        return render_template("guided/drop.html", initiative=initiative, adoption=adoption,
                               form=form, items=items), 400 if form.errors else 200
    removed = services.drop(initiative, adoption, form.steps.data == REMOVE)
    db.session.commit()
    return _to_initiative(initiative, _("The initiative no longer follows the guide. %(count)d of its "
                                        "steps are removed from the checklist.", count=removed)
                          if removed else _("The initiative no longer follows the guide. Its steps "
                                            "stay in the checklist as your own."))


# --- skipping a step -----------------------------------------------------------------------

def _to_checklist(initiative, message: str):
    flash(message, "success")
    return redirect(url_for("community.milestones", public_id=initiative.public_id), 303)


@bp.route("/i/<public_id>/milestones/<int:milestone_id>/skip", methods=["GET", "POST"])
@login_required
def skip(public_id, milestone_id):
    """Skip a step that is not done, saying why; it then counts neither as done nor in the total."""
    initiative = _organised(public_id)
    milestone = _milestone(initiative, milestone_id)
    if milestone.done:
        abort(409, _("This step is done. Untick it first if you want to skip it."))
    form = SkipForm()
    if request.method == "GET":
        form.reason.data = milestone.skipped_reason or ""
    if not form.validate_on_submit():
        return render_template("guided/skip.html", initiative=initiative, milestone=milestone,
                               form=form), 400 if form.errors else 200
    community.set_skipped(initiative, milestone, form.reason.data)
    db.session.commit()
    return _to_checklist(initiative, _("The step is skipped. The progress counts the other steps."))


@bp.post("/i/<public_id>/milestones/<int:milestone_id>/unskip")
@login_required
def unskip(public_id, milestone_id):
    """Take a skipped step back into the checklist's count."""
    initiative = _organised(public_id)
    milestone = _milestone(initiative, milestone_id)
    community.set_skipped(initiative, milestone, None)
    db.session.commit()
    return _to_checklist(initiative, _("The step counts again."))
