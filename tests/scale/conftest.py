from ..opendata.conftest import many  # noqa: F401 — thousands of initiatives in one INSERT
