"""GeoJSON building: plain rows in, orjson bytes out, no ORM objects on this hot path."""

import orjson
from flask import url_for


def feature_collection(rows, limit: int) -> bytes:
    """An RFC 7946 FeatureCollection; 'truncated' says whether more than limit matched."""
    template = url_for("initiatives.detail", public_id="PID", slug="SLUG")
    features = [
        {
            "type": "Feature",
            "id": public_id,
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "id": public_id,
                "title": title,
                "summary": summary,
                "category": category,
                "status": status,
                "progress": progress,  # per cent of the checklist done, or null without one
                "guide": bool(guide),  # whether it follows a guide
                "url": template.replace("PID", public_id).replace("SLUG", slug),
            },
        }
        for public_id, slug, title, summary, category, status, progress, guide, lon, lat in rows[:limit]
    ]
    return orjson.dumps(
        {"type": "FeatureCollection", "features": features, "truncated": len(rows) > limit}
    )
