"""Joining, following, progress, discussion, stories, saved areas, feeds and the flyer.

Buttons on the initiative's page are plain forms; with HTMX the panel around them is swapped
in place, without JavaScript the browser is sent back to the page.
"""

import segno
from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ..extensions import db, limiter
from ..htmx import is_htmx

# A module import: initiatives.services imports community.lifecycle, so when it is imported
# first its names are not defined yet while this module loads.
from ..initiatives import services as initiative_services
from ..map import folium_map
from . import bp, feeds, services
from .forms import (
    ApprovalForm,
    AreaFeedForm,
    AreaForm,
    CommentForm,
    ListingForm,
    MilestoneForm,
    RoleForm,
    StatusForm,
    StoryForm,
    UpdateForm,
)
from .services import CommentError, CommunityError, initiative_url


@bp.app_context_processor
def community_helpers():
    def community_panel(initiative) -> services.Panel:
        """The community parts of an initiative's page, computed once per request."""
        cache = g.setdefault("community_panels", {})
        if initiative.id not in cache:
            cache[initiative.id] = services.panel(initiative, current_user)
        return cache[initiative.id]

    return {"community_panel": community_panel, "format_date": format_date}


# --- loading and answering -----------------------------------------------------------------

def _initiative(public_id: str):
    initiative = initiative_services.by_public_id(public_id, current_user)
    if initiative is None:
        abort(404)
    return initiative


def _organised(public_id: str):
    """The initiative, if the signed-in person organises it."""
    initiative = _initiative(public_id)
    if not services.is_organiser(current_user, initiative):
        abort(403)
    return initiative


def _found(item):
    if item is None:
        abort(404)
    return item


def _panel_or_back(initiative, message: str, category: str = "success"):
    """HTMX swaps the panel (with the message in it); otherwise back to the page, 303."""
    if is_htmx():
        response = make_response(render_template("community/_initiative_panel.html",
                                                 initiative=initiative, notice=message,
                                                 notice_category=category))
        response.vary.add("HX-Request")
        return response
    flash(message, category)
    return redirect(initiative_url(initiative, "community"), 303)


def _back(initiative, message: str, anchor: str | None = None, endpoint: str | None = None):
    flash(message, "success")
    if endpoint:
        return redirect(url_for(endpoint, public_id=initiative.public_id), 303)
    return redirect(initiative_url(initiative, anchor), 303)


def _conflict(err: CommunityError):
    abort(409, str(err))


# --- joining and following -----------------------------------------------------------------

@bp.post("/i/<public_id>/join")
@login_required
@limiter.limit("30 per hour")
def join(public_id):
    """Join (or ask to join); a second click changes nothing and says so."""
    initiative = _initiative(public_id)
    membership, created = services.join(initiative, current_user)
    db.session.commit()
    if not created:
        return _panel_or_back(initiative, _("You have asked to join already.") if membership.pending
                              else _("You are a member already."), "info")
    if membership.pending:
        return _panel_or_back(initiative, _("Your request is sent. The organisers will answer it."))
    return _panel_or_back(initiative, _("Welcome aboard! You are a member now."))


@bp.post("/i/<public_id>/leave")
@login_required
def leave(public_id):
    """Leave an initiative, or withdraw a request to join."""
    initiative = _initiative(public_id)
    membership = services.membership_of(current_user, initiative)
    if membership is None:
        return _panel_or_back(initiative, _("You are not a member."), "info")
    was_request = membership.pending
    try:
        services.leave(membership)
    except CommunityError as err:
        _conflict(err)
    db.session.commit()
    return _panel_or_back(initiative, _("Your request is withdrawn.") if was_request
                          else _("You have left the initiative."))


@bp.post("/i/<public_id>/listing")
@login_required
def listing(public_id):
    """Show or hide my name on the initiative's page."""
    form = ListingForm()
    initiative = _initiative(public_id)
    membership = services.membership_of(current_user, initiative)
    if membership is None:
        abort(409, _("Only members can choose this."))
    services.set_listing(membership, form.listed.data)
    db.session.commit()
    return _panel_or_back(initiative, _("Your name is shown on the page.") if form.listed.data
                          else _("Your name is not shown on the page."))


@bp.post("/i/<public_id>/follow")
@login_required
def follow(public_id):
    """Follow updates and status changes without joining."""
    initiative = _initiative(public_id)
    created = services.follow(initiative, current_user)
    db.session.commit()
    return _panel_or_back(initiative, _("You follow this initiative.") if created
                          else _("You follow this initiative already."))


@bp.post("/i/<public_id>/unfollow")
@login_required
def unfollow(public_id):
    """Stop following."""
    initiative = _initiative(public_id)
    services.unfollow(initiative, current_user)
    db.session.commit()
    return _panel_or_back(initiative, _("You no longer follow this initiative."))


# --- members: the organisers' page ---------------------------------------------------------

@bp.get("/i/<public_id>/members")
@login_required
def members(public_id):
    """Members and requests, with names: for the organisers only."""
    initiative = _organised(public_id)
    return render_template("community/members.html", initiative=initiative,
                           memberships=services.members_for_organisers(initiative),
                           approval=ApprovalForm(approval_required=services.approval_required(initiative)))


@bp.post("/i/<public_id>/members/approval")
@login_required
def approval(public_id):
    """Accept members by hand, or let anyone join."""
    form = ApprovalForm()
    initiative = _organised(public_id)
    services.set_approval_required(initiative, form.approval_required.data)
    db.session.commit()
    return _back(initiative, _("New members need your approval.") if form.approval_required.data
                 else _("Anyone can join now."), endpoint=".members")


def _membership_action(public_id, membership_id, action, message):
    initiative = _organised(public_id)
    membership = _found(services.membership_in(initiative, membership_id))
    try:
        action(membership)
    except CommunityError as err:
        _conflict(err)
    db.session.commit()
    return _back(initiative, message, endpoint=".members")


@bp.post("/i/<public_id>/members/<int:membership_id>/accept")
@login_required
def accept(public_id, membership_id):
    """Accept a request to join."""
    return _membership_action(public_id, membership_id, services.accept, _("The request is accepted."))


@bp.post("/i/<public_id>/members/<int:membership_id>/decline")
@login_required
def decline(public_id, membership_id):
    """Decline a request to join."""
    return _membership_action(public_id, membership_id, services.decline, _("The request is declined."))


@bp.post("/i/<public_id>/members/<int:membership_id>/remove")
@login_required
def remove(public_id, membership_id):
    """Remove a member."""
    return _membership_action(public_id, membership_id, services.remove, _("The member is removed."))


@bp.post("/i/<public_id>/members/<int:membership_id>/role")
@login_required
def role(public_id, membership_id):
    """Make a member an organiser, or an organiser a member."""
    form = RoleForm()
    if not form.validate():
        abort(400, _("Choose a role: member or organiser."))
    return _membership_action(public_id, membership_id,
                              lambda m: services.set_role(m, form.role.data), _("The role is changed."))


# --- status, updates -----------------------------------------------------------------------

@bp.post("/i/<public_id>/status")
@login_required
def status(public_id):
    """Change the status; the change goes on the timeline and reaches members and followers."""
    form = StatusForm()
    if not form.validate():
        abort(400, _("Choose one of the statuses."))
    initiative = _organised(public_id)
    changed = services.change_status(initiative, form.status.data, current_user)
    db.session.commit()
    if changed and initiative.status == "done":
        flash(_("Congratulations! Tell others how it went: write the story."), "success")
        return redirect(url_for(".story", public_id=initiative.public_id), 303)
    return _back(initiative, _("The status is now: %(status)s.", status=initiative.status_label)
                 if changed else _("The status stays the same."), "timeline")


@bp.route("/i/<public_id>/updates/new", methods=["GET", "POST"])
@login_required
def new_update(public_id):
    """Post an update for members and followers."""
    initiative = _organised(public_id)
    form = UpdateForm()
    if form.validate_on_submit():
        update = services.post_update(initiative, current_user, form.title.data, form.body.data)
        db.session.commit()
        return _back(initiative, _("The update is posted."), f"update-{update.id}")
    return render_template("community/update_form.html", initiative=initiative, form=form,
                           update=None), 400 if form.errors else 200


@bp.route("/i/<public_id>/updates/<int:update_id>/edit", methods=["GET", "POST"])
@login_required
def edit_update(public_id, update_id):
    """Correct an update."""
    initiative = _organised(public_id)
    update = _found(services.update_in(initiative, update_id))
    form = UpdateForm(obj=update)
    if form.validate_on_submit():
        services.edit_update(update, form.title.data, form.body.data)
        db.session.commit()
        return _back(initiative, _("Changes saved."), f"update-{update.id}")
    return render_template("community/update_form.html", initiative=initiative, form=form,
                           update=update), 400 if form.errors else 200


@bp.route("/i/<public_id>/updates/<int:update_id>/delete", methods=["GET", "POST"])
@login_required
def delete_update(public_id, update_id):
    """Ask, then delete an update with its comments."""
    initiative = _organised(public_id)
    update = _found(services.update_in(initiative, update_id))
    if request.method == "POST":
        services.delete_update(update)
        db.session.commit()
        return _back(initiative, _("The update is deleted."), "timeline")
    return render_template("community/update_delete.html", initiative=initiative, update=update)


# --- the checklist -------------------------------------------------------------------------

def _checklist_page(initiative, form, status=200):
    return render_template("community/milestones.html", initiative=initiative, form=form,
                           milestones=services.milestones(initiative)), status


@bp.get("/i/<public_id>/milestones")
@login_required
def milestones(public_id):
    """The checklist, for the organisers to keep."""
    initiative = _organised(public_id)
    return _checklist_page(initiative, MilestoneForm(formdata=None))


@bp.post("/i/<public_id>/milestones")
@login_required
def add_milestone(public_id):
    """Add a step to the checklist."""
    initiative = _organised(public_id)
    form = MilestoneForm()
    if not form.validate():
        return _checklist_page(initiative, form, 400)
    services.add_milestone(initiative, form.to_data())
    db.session.commit()
    return _back(initiative, _("The step is added."), endpoint=".milestones")


@bp.route("/i/<public_id>/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
@login_required
def edit_milestone(public_id, milestone_id):
    """Change a step's title, due date or note."""
    initiative = _organised(public_id)
    milestone = _found(services.milestone_in(initiative, milestone_id))
    form = MilestoneForm(obj=milestone)
    if form.validate_on_submit():
        services.edit_milestone(milestone, form.to_data())
        db.session.commit()
        return _back(initiative, _("Changes saved."), endpoint=".milestones")
    return render_template("community/milestone_form.html", initiative=initiative, form=form,
                           milestone=milestone), 400 if form.errors else 200


@bp.post("/i/<public_id>/milestones/<int:milestone_id>/done")
@login_required
def milestone_done(public_id, milestone_id):
    """Tick a step off, or untick it; HTMX swaps the checklist."""
    done = request.form.get("done")
    if done not in ("0", "1"):
        abort(400, _("Say whether the step is done."))
    initiative = _organised(public_id)
    milestone = _found(services.milestone_in(initiative, milestone_id))
    services.set_done(initiative, milestone, done == "1")
    db.session.commit()
    if is_htmx():
        response = make_response(render_template(
            "community/_checklist.html", initiative=initiative,
            milestones=services.milestones(initiative), manage=True))
        response.vary.add("HX-Request")
        return response
    return _back(initiative, _("The checklist is saved."), endpoint=".milestones")


@bp.post("/i/<public_id>/milestones/<int:milestone_id>/move")
@login_required
def move_milestone(public_id, milestone_id):
    """Move a step up or down the list."""
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if step is None:
        abort(400, _("Move a step up or down."))
    initiative = _organised(public_id)
    milestone = _found(services.milestone_in(initiative, milestone_id))
    services.move_milestone(initiative, milestone, step)
    db.session.commit()
    return _back(initiative, _("The checklist is saved."), endpoint=".milestones")


@bp.post("/i/<public_id>/milestones/<int:milestone_id>/delete")
@login_required
def delete_milestone(public_id, milestone_id):
    """Remove a step from the checklist."""
    initiative = _organised(public_id)
    milestone = _found(services.milestone_in(initiative, milestone_id))
    services.delete_milestone(initiative, milestone)
    db.session.commit()
    return _back(initiative, _("The step is removed."), endpoint=".milestones")


# --- comments ------------------------------------------------------------------------------

@bp.post("/i/<public_id>/comments")
@login_required
@limiter.limit("30 per 10 minutes")
def comment(public_id):
    """Comment on the initiative or an update, or reply to a comment (one level)."""
    form = CommentForm()
    valid = form.validate()
    initiative = _initiative(public_id)
    if not valid:
        return render_template("community/comment_page.html", initiative=initiative, form=form), 400
    update = parent = None
    if form.update_id.number is not None:
        update = _found(services.update_in(initiative, form.update_id.number))
    if form.parent_id.number is not None:
        parent = _found(services.comment_in(initiative, form.parent_id.number))
    try:
        made = services.add_comment(initiative, current_user, form.body.data, update, parent)
    except CommentError as err:
        abort(400, str(err))
    db.session.commit()
    return _back(initiative, _("Your comment is posted."), f"comment-{made.id}")


@bp.post("/i/<public_id>/comments/<int:comment_id>/hide")
@login_required
def hide_comment(public_id, comment_id):
    """Hide a comment from everyone but the organisers, or show it again."""
    hidden = request.form.get("hidden")
    if hidden not in ("0", "1"):
        abort(400, _("Say whether to hide the comment."))
    initiative = _organised(public_id)
    item = _found(services.comment_in(initiative, comment_id))
    services.set_hidden(item, hidden == "1", current_user)
    db.session.commit()
    return _back(initiative, _("The comment is hidden.") if hidden == "1"
                 else _("The comment is shown again."), f"comment-{item.id}")


# --- stories -------------------------------------------------------------------------------

@bp.route("/i/<public_id>/story/edit", methods=["GET", "POST"])
@login_required
def story(public_id):
    """Write the story of a done initiative: what worked, what did not, what it cost."""
    initiative = _organised(public_id)
    if initiative.status != "done":
        abort(409, _("The story can be written once the initiative is done."))
    existing = services.story_of(initiative)
    form = StoryForm(obj=existing)
    if form.validate_on_submit():
        try:
            services.save_story(initiative, current_user, form.to_data())
        except CommunityError as err:
            _conflict(err)
        db.session.commit()
        return _back(initiative, _("The story is published."), "story")
    return render_template("community/story_form.html", initiative=initiative, form=form,
                           story=existing), 400 if form.errors else 200


@bp.get("/stories")
def stories():
    """Stories of done initiatives: what worked, what did not, what it cost."""
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100000:
        abort(400, _("The page number must be a whole number from 1."))
    page = initiative_services.page_of(services.stories(), int(raw), current_app.config["PER_PAGE"])
    return render_template("community/stories.html", page=page)


# --- saved areas and feeds -----------------------------------------------------------------

def _areas_page(form, status=200):
    """Saved areas and the form to add one; for visitors without an account, the feed form."""
    lat, lon = form.lat.data, form.lon.data
    has_pin = not (form.lat.errors or form.lon.errors) and None not in (lat, lon)
    map_html, map_script = folium_map.build("initAreaPicker", center=(lat, lon) if has_pin else None,
                                            zoom=13 if has_pin else None)
    areas = services.areas_of(current_user) if current_user.is_authenticated else []
    return render_template("community/areas.html", form=form, areas=areas, map_html=map_html,
                           map_script=map_script, max_areas=services.MAX_AREAS_PER_USER), status


@bp.get("/areas")
def areas():
    """My saved areas; without an account, a feed address for any area."""
    if current_user.is_authenticated:
        return _areas_page(AreaForm(formdata=None))
    form = AreaFeedForm(formdata=request.args or None)
    valid = not request.args or form.validate()
    return _areas_page(form, 200 if valid else 400)


@bp.post("/areas")
@login_required
def save_area():
    """Save an area: new initiatives inside it will reach me."""
    form = AreaForm()
    if form.validate() and services.area_count(current_user) >= services.MAX_AREAS_PER_USER:
        form.label.errors = [*form.label.errors, _("You can keep up to %(n)d areas. Delete one first.",
                                                   n=services.MAX_AREAS_PER_USER)]
    if form.errors:
        return _areas_page(form, 400)
    services.save_area(current_user, form.lon.data, form.lat.data, form.radius_m.data,
                       form.label.data or "")
    db.session.commit()
    flash(_("The area is saved. New initiatives inside it will reach you."), "success")
    return redirect(url_for(".areas"), 303)


@bp.post("/areas/<int:area_id>/delete")
@login_required
def delete_area(area_id):
    """Forget a saved area."""
    area = _found(services.area_of(current_user, area_id))
    services.delete_area(area)
    db.session.commit()
    flash(_("The area is deleted."), "success")
    return redirect(url_for(".areas"), 303)


def _atom(body: bytes) -> Response:
    return Response(body, mimetype="application/atom+xml")


@bp.get("/feeds/area.atom")
def area_feed():
    """New initiatives within radius_m metres of (lat, lon), for any feed reader; no account."""
    form = AreaFeedForm(formdata=request.args)
    if not form.validate():
        abort(400, " ".join(f"{form[name].label.text}: {e}" for name, errs in form.errors.items()
                            for e in errs))
    lat, lon, radius = form.lat.data, form.lon.data, form.radius_m.data
    found = services.initiatives_near(lon, lat, radius)
    return _atom(feeds.area_feed(lat, lon, radius, found))


@bp.get("/i/<public_id>/feed.atom")
def initiative_feed(public_id):
    """An initiative's updates, status changes and story, for any feed reader; no account."""
    initiative = _initiative(public_id)
    story = services.story_of(initiative) if initiative.status == "done" else None
    return _atom(feeds.initiative_feed(initiative, services.timeline(initiative)[:50], story))


# --- calling the neighbours ----------------------------------------------------------------

@bp.get("/i/<public_id>/flyer")
def flyer(public_id):
    """A printable A4 flyer with a QR code of the initiative's address, for the stairwell."""
    initiative = _initiative(public_id)
    link = url_for("initiatives.detail", public_id=initiative.public_id, _external=True)
    qr = segno.make(link, error="m").svg_inline(scale=1, omitsize=True, svgclass="qr",
                                                 title=_("QR code of %(link)s", link=link))
    return render_template("community/flyer.html", initiative=initiative, link=link,
                           qr=Markup(qr))


@bp.get("/me/initiatives")
@login_required
def mine():
    """The initiatives I organise, joined, asked to join or follow."""
    return render_template("community/mine.html", memberships=services.my_memberships(current_user),
                           follows=services.my_follows(current_user))
