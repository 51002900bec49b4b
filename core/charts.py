"""Geometry for the server-drawn SVG charts. Templates draw the shapes; every chart has a
data table beside it, and every bar carries its number as text, so colour is never the
only signal."""

from dataclasses import dataclass

WIDTH, HEIGHT, BASE = 640, 200, 170


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    label: str


def bars(values: list[tuple[str, int]]) -> dict:
    """A column chart: one bar per (label, value)."""
    top = max((v for _label, v in values), default=0) or 1
    slot = WIDTH / max(len(values), 1)
    width = max(slot * 0.7, 1)
    laid = []
    for index, (label, value) in enumerate(values):
        height = (BASE - 20) * value / top
        laid.append(
            Bar(
                x=round(index * slot + (slot - width) / 2, 1),
                y=round(BASE - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                value=value,
                label=label,
            )
        )
    step = max(1, len(values) // 8)  # label every few weeks so the axis stays readable
    return {
        "bars": laid,
        "labels": [b for i, b in enumerate(laid) if i % step == 0],
        "width": WIDTH,
        "height": HEIGHT,
        "base": BASE,
        "center": round(width / 2, 1),
    }


def pyramid(rows: list[dict]) -> dict:
    """Centred horizontal bars, core on top: the width is the level's share of members."""
    row_height, gap, width = 34, 6, 300
    top = max((r["count"] for r in rows), default=0) or 1
    laid = []
    for index, row in enumerate(rows):
        bar_width = max(width * row["count"] / top, 2)
        laid.append(
            {
                **row,
                "x": round((width - bar_width) / 2 + 110, 1),
                "y": index * (row_height + gap),
                "width": round(bar_width, 1),
                "height": row_height,
                "text_y": index * (row_height + gap) + row_height / 2 + 5,
            }
        )
    return {"rows": laid, "width": width + 210, "height": len(rows) * (row_height + gap)}
