"""The list of initiatives, an initiative's page, and creating, editing and deleting one."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db
from ..guided import hooks as guided
from ..htmx import render
from ..map import folium_map
from . import bp, services
from .forms import FilterForm, InitiativeForm


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100000:
        abort(400, _("The page number must be a whole number from 1."))
    return int(raw)


@bp.get("/initiatives")
def index():
    """The list of initiatives with filters; works without JavaScript, HTMX gets the fragment."""
    form = FilterForm(formdata=request.args)
    page = _page_number()
    if not form.validate():
        return render("initiatives/list.html", "initiatives/_results.html", 400,
                      form=form, page=None)
    result = services.page_of(services.filtered(**form.filters()), page,
                              current_app.config["PER_PAGE"], current_app.config["LIST_COUNT_CAP"])
    return render("initiatives/list.html", "initiatives/_results.html", form=form, page=result)


def _load(public_id: str):
    initiative = services.by_public_id(public_id, current_user)
    if initiative is None:
        abort(404)
    return initiative


def _load_editable(public_id: str):
    initiative = _load(public_id)
    if not services.can_edit(current_user, initiative):
        abort(403)
    return initiative


@bp.get("/i/<public_id>", defaults={"slug": None})
@bp.get("/i/<public_id>/<slug>")
def detail(public_id, slug):
    """An initiative's page; a stale or missing slug redirects to the canonical URL."""
    initiative = _load(public_id)
    if slug != initiative.slug:
        return redirect(url_for(".detail", public_id=public_id, slug=initiative.slug), 301)
    return render_template("initiatives/detail.html", initiative=initiative,
                           can_edit=services.can_edit(current_user, initiative),
                           lon_lat=services.visible_lon_lat(current_user, initiative))


def _form_page(form: InitiativeForm, initiative):
    """The create/edit form with its location picker, centred on the pin when there is one."""
    lat, lon = form.latitude.data, form.longitude.data
    has_pin = not (form.latitude.errors or form.longitude.errors) and None not in (lat, lon)
    map_html, map_script = folium_map.build("initPicker", center=(lat, lon) if has_pin else None,
                                            zoom=15 if has_pin else None)
    return render_template("initiatives/form.html", form=form, initiative=initiative,
                           map_html=map_html, map_script=map_script), 400 if form.errors else 200


@bp.route("/initiatives/new", methods=["GET", "POST"])
@login_required
def create():
    """Pin a new initiative on the map."""
    form = InitiativeForm()
    if request.method == "GET":
        form.language.data = str(get_locale())
        # "Add here" from the map passes the point; anything odd is simply ignored.
        lat, lon = request.args.get("latitude", type=float), request.args.get("longitude", type=float)
        if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
            form.latitude.data, form.longitude.data = lat, lon
        # The idea wizard and the guides pre-fill texts; only what the form would accept is kept.
        for name in ("title", "summary", "description", "category"):
            if name in request.args:
                field = form[name]
                field.process_formdata([request.args[name]])
                if not field.validate(form):
                    field.data, field.errors = field.default, []
    if form.validate_on_submit() and guided.follow_choice_valid(form):
        initiative = services.create(current_user, form.to_data())
        guided.follow_chosen_guide(initiative)  # when the link from a guide or the wizard says so
        db.session.commit()
        flash(_("Your initiative is on the map."), "success")
        return redirect(url_for(".detail", public_id=initiative.public_id,
                                slug=initiative.slug), 303)
    return _form_page(form, None)


@bp.route("/i/<public_id>/edit", methods=["GET", "POST"])
@login_required
def edit(public_id):
    """Change an initiative (its organiser or an admin)."""
    initiative = _load_editable(public_id)
    form = InitiativeForm(obj=initiative)
    if request.method == "GET":
        form.longitude.data, form.latitude.data = initiative.lon_lat
    if form.validate_on_submit():
        services.update(initiative, form.to_data(), by=current_user)
        db.session.commit()
        flash(_("Changes saved."), "success")
        return redirect(url_for(".detail", public_id=initiative.public_id,
                                slug=initiative.slug), 303)
    return _form_page(form, initiative)


@bp.route("/i/<public_id>/delete", methods=["GET", "POST"])
@login_required
def delete(public_id):
    """Ask for confirmation, then delete an initiative (its organiser or an admin)."""
    initiative = _load_editable(public_id)
    if request.method == "POST":
        services.delete(initiative)
        db.session.commit()
        flash(_("The initiative was deleted."), "success")
        return redirect(url_for("map.home"), 303)
    return render_template("initiatives/delete.html", initiative=initiative)
