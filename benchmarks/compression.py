"""Response sizes raw, gzipped and brotli'd as the app sends them, on the demo data, and the
bytes a first visit to the map downloads (page, styles, scripts).

    .venv/bin/python benchmarks/compression.py
"""

import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 32)

from flask_migrate import upgrade  # noqa: E402

from robimgood import create_app  # noqa: E402
from robimgood.demo import load as load_demo  # noqa: E402
from robimgood.extensions import db  # noqa: E402

URLS = ["/", "/initiatives", "/api/initiatives.geojson?bbox=23,51,33,57",
        "/api/initiatives.geojson", "/api/initiatives.csv", "/api/openapi.json", "/stats"]


def main() -> None:
    folder = tempfile.mkdtemp()
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(revision="heads")
        load_demo()
        db.session.commit()
    client = app.test_client()
    home = client.get("/").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"', home)
    width = max(len(u) for u in URLS + assets)
    print(f"{'response':{width}} {'raw':>9} {'gzip':>9} {'br':>9}")
    totals = [0, 0, 0]
    for url in URLS + assets:
        sizes = [len(client.get(url, headers={"Accept-Encoding": enc}).data)
                 for enc in ("identity", "gzip", "br")]
        print(f"{url:{width}} {sizes[0]:9,} {sizes[1]:9,} {sizes[2]:9,}")
        if url == "/" or url in assets:
            totals = [t + s for t, s in zip(totals, sizes, strict=True)]
    print(f"{'first visit to the map (page, CSS, JS)':{width}} "
          f"{totals[0]:9,} {totals[1]:9,} {totals[2]:9,}")


if __name__ == "__main__":
    main()
