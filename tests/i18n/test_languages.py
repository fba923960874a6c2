"""Three languages: which one a page is in, that it says so, that form errors, plurals and numbers
follow it, and that user content written in another language is marked with its own."""

import re
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale
from flask_wtf import FlaskForm

import robimgood
from robimgood.forms import Form

SWITCHER = b'action="/language"'


def html_lang(response) -> str:
    return re.search(rb'<html lang="([^"]+)">', response.data).group(1).decode()


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_form_translates_its_validators_with_our_catalog(app):
    ours = [c for c in all_subclasses(FlaskForm) if c.__module__.startswith("robimgood.")]
    assert len(ours) > 30
    assert [c.__name__ for c in ours if not issubclass(c, Form)] == []


@pytest.mark.parametrize("language, required, name_length", [
    ("be", "Гэта поле абавязковае.", "Даўжыня — ад 3 да 32 сімвалаў."),
    ("ru", "Это поле обязательно.", "Длина — от 3 до 32 символов."),
    ("en", "This field is required.", "Field must be between 3 and 32 characters long."),
])
def test_validator_messages_in_each_language(client, language, required, name_length):
    client.set_cookie("lang", language)
    page = client.post("/register", data={"username": "ab", "password": "short", "confirm": ""})
    assert page.status_code == 400 and html_lang(page) == language
    text = page.get_data(as_text=True)
    assert required in text and name_length in text


@pytest.mark.parametrize("language, expected", [
    ("be", ["Мінімум 1 сімвал.", "Мінімум 2 сімвалы.", "Мінімум 5 сімвалаў.", "Мінімум 21 сімвал.",
            "Няправільны адрас электроннай пошты.", "Патрэбны цэлы лік."]),
    ("ru", ["Минимум 1 символ.", "Минимум 2 символа.", "Минимум 5 символов.", "Минимум 21 символ.",
            "Неверный адрес электронной почты.", "Нужно целое число."]),
    ("en", ["Field must be at least 1 character long.", "Field must be at least 2 characters long.",
            "Field must be at least 5 characters long.", "Field must be at least 21 characters long.",
            "Invalid email address.", "Not a valid integer value."]),
])
def test_wtforms_plural_and_field_messages(app, language, expected):
    from werkzeug.datastructures import MultiDict
    from wtforms import EmailField, IntegerField, StringField
    from wtforms.validators import Email, Length

    class Sample(Form):
        class Meta:
            csrf = False

        one = StringField(validators=[Length(min=1)])
        two = StringField(validators=[Length(min=2)])
        five = StringField(validators=[Length(min=5)])
        twenty_one = StringField(validators=[Length(min=21)])
        email = EmailField(validators=[Email()])
        number = IntegerField()

    with app.test_request_context(), force_locale(language):
        form = Sample(MultiDict({"one": "", "two": "x", "five": "x", "twenty_one": "x",
                                 "email": "no-at-sign", "number": "many"}))
        assert not form.validate()
        errors = [e for name in ("one", "two", "five", "twenty_one", "email", "number")
                  for e in form.errors[name]]
    assert errors == expected


def test_an_expired_form_is_explained_in_the_users_language(client, csrf):
    client.set_cookie("lang", "be")
    page = client.post("/login", data={"username": "someone", "password": "x"})
    assert page.status_code == 400 and html_lang(page) == "be"
    assert "Калі ласка, абнавіце старонку" in page.get_data(as_text=True)


def test_language_order_choice_then_browser_then_belarusian(client, make_user, login, db):
    # Nothing known: Belarusian; a language we do not have: Belarusian.
    assert html_lang(client.get("/initiatives", headers={"Accept-Language": ""})) == "be"
    assert html_lang(client.get("/initiatives", headers={"Accept-Language": "uk, pl;q=0.8"})) == "be"
    # The browser's preference, with its regional variants and weights.
    assert html_lang(client.get("/initiatives", headers={"Accept-Language": "be-BY"})) == "be"
    assert html_lang(client.get("/initiatives",
                                headers={"Accept-Language": "en;q=0.5, ru-RU;q=0.9"})) == "ru"
    # The profile beats the browser: a signed-in person gets their language on a new device.
    user = make_user()
    user.locale = "en"
    db.session.commit()
    login(user)
    assert html_lang(client.get("/initiatives", headers={"Accept-Language": "ru"})) == "en"
    # A choice made with the switcher is remembered in the cookie and the profile.
    client.post("/language", data={"lang": "ru", "next": "/"})
    db.session.refresh(user)
    assert user.locale == "ru"
    assert html_lang(client.get("/initiatives", headers={"Accept-Language": "en"})) == "ru"
    # The cookie is this browser's latest choice: it beats an older profile choice.
    client.set_cookie("lang", "be")
    assert html_lang(client.get("/initiatives", headers={"Accept-Language": "en"})) == "be"


@pytest.mark.parametrize("path", ["/", "/initiatives", "/login", "/guides", "/start",
                                  "/consultations", "/no-such-page"])
@pytest.mark.parametrize("language", ["be", "ru", "en"])
def test_every_page_names_its_language_and_offers_the_switcher(client, path, language):
    client.set_cookie("lang", language)
    page = client.get(path)
    assert html_lang(page) == language
    assert SWITCHER in page.data
    for code in ("be", "ru", "en"):  # each language's name is marked with its own language
        assert f'value="{code}" lang="{code}"'.encode() in page.data


def test_content_in_another_language_is_marked(client, make_initiative):
    initiative = make_initiative(title="Лавочки во дворе", summary="Ставим лавочки.", language="ru",
                                 city="Lida")
    client.set_cookie("lang", "en")
    listing = client.get("/initiatives").get_data(as_text=True)
    assert '<h3 lang="ru"><a' in listing and '<p lang="ru">Ставим лавочки.</p>' in listing
    page = client.get(f"/i/{initiative.public_id}/{initiative.slug}")
    assert html_lang(page) == "en"
    detail = page.get_data(as_text=True)
    assert '<h1 lang="ru">Лавочки во дворе</h1>' in detail
    assert '<p class="summary" lang="ru">' in detail
    # The interface around it is not claimed to be Russian.
    assert '<article class="initiative">' in detail


@pytest.mark.parametrize("language, forms", [
    ("be", {1: "1 ініцыятыва", 2: "2 ініцыятывы", 5: "5 ініцыятыў", 21: "21 ініцыятыва"}),
    ("ru", {1: "1 инициатива", 2: "2 инициативы", 5: "5 инициатив", 21: "21 инициатива"}),
    ("en", {1: "1 initiative", 2: "2 initiatives", 5: "5 initiatives", 21: "21 initiatives"}),
])
def test_plurals_follow_the_language(client, make_initiative, make_user, language, forms):
    organiser = make_user()
    for count in forms:
        for _ in range(count):
            make_initiative(organiser=organiser, city=f"Town{count}")
    client.set_cookie("lang", language)
    for count, text in forms.items():
        page = client.get(f"/initiatives?city=Town{count}").get_data(as_text=True)
        assert f'<p class="count">{text}</p>' in page


@pytest.mark.parametrize("language, expected", [
    ("en", "1,234,567 · 8 March 2026"),
    ("be", "1\xa0234\xa0567 · 8 сакавіка 2026"),
    ("ru", "1\xa0234\xa0567 · 8 марта 2026"),
])
def test_numbers_and_dates_follow_the_language(app, language, expected):
    from datetime import datetime

    template = "{{ 1234567|number }} · {{ day|datetime('d MMMM y') }}"
    with app.test_request_context(), force_locale(language):
        assert render_template_string(template, day=datetime(2026, 3, 8, 14, 5)) == expected


def test_shipped_guides_exist_in_all_three_languages():
    content = Path(robimgood.__file__).parent / "guides" / "content"
    families = {}
    for path in content.glob("*.toml"):
        family, language = path.stem.rsplit(".", 1)
        families.setdefault(family, set()).add(language)
    assert len(families) >= 5
    assert {f: langs for f, langs in families.items() if langs != {"be", "ru", "en"}} == {}
