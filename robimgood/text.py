"""User text: Markdown rendered and sanitised to a safe subset, and URL slugs."""

import re
import unicodedata

import markdown as md
import nh3
from markupsafe import Markup

_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr",
}
_ATTRS = {"a": {"href", "title"}}


def render_markdown(source: str) -> Markup:
    """Markdown to HTML with only harmless tags; raw HTML in the source is escaped, not kept."""
    html = md.markdown(source or "", extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer ugc",
    )
    return Markup(clean)


_TRANSLIT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "io", "ж": "zh",
    "з": "z", "і": "i", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "ch", "ц": "c",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
    "'": "", "’": "",
})


def slugify(text: str, fallback: str = "initiative", max_length: int = 60,
            reserved: frozenset[str] = frozenset()) -> str:
    """A Latin URL slug; Belarusian and Russian letters are transliterated. A slug that would
    equal a reserved path segment (another page of the object) gets the fallback appended."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:max_length].rstrip("-") or fallback
    return f"{slug}-{fallback}" if slug in reserved else slug
