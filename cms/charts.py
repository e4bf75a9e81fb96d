"""Small server-rendered SVG charts for the station's figures: no JavaScript, no CDN, readable on a phone.

The viewBox is phone-sized (400 units wide) so that text stays legible when the chart is scaled down to a narrow
screen; the data table beside each chart is what screen readers read (the chart is one labelled image).
"""

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from cms.plugins import FigureSet

WIDTH = 400
LABEL_WIDTH = 104
VALUE_WIDTH = 44
FONT = 12
# Dark enough for white text and against the white page (contrast >= 4.5:1), and distinct from one another.
PALETTE = ("#B0102A", "#1F5AA6", "#2E6B30", "#8A4B08", "#6A1B9A", "#00695C", "#AD1457", "#37474F")
MAX_LABEL_CHARS = 8


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}"
    return f"{value:,}"


def _short(label: str) -> str:
    label = str(label)
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _legend(names: list[str], y: int) -> tuple[list[str], int]:
    """Colour keys in rows across the width; returns the elements and the height they take."""
    parts, x, row = [], 0, 0
    for index, name in enumerate(names):
        width = 22 + FONT * len(str(name))
        if x and x + width > WIDTH:
            x, row = 0, row + 1
        top = y + row * 20
        parts.append(format_html('<rect x="{}" y="{}" width="12" height="12" fill="{}"/>', x, top, colour(index)))
        parts.append(format_html('<text x="{}" y="{}">{}</text>', x + 16, top + 11, name))
        x += width + 8
    return parts, (row + 1) * 20 if names else 0


def _svg(figure: FigureSet, height: int, body: list[str]) -> SafeString:
    title_id = f"chart-{figure.key}-title"
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}" viewBox="0 0 {} {}" width="100%" '
        'font-size="{}" xmlns="http://www.w3.org/2000/svg"><title id="{}">{}</title>{}</svg>',
        title_id,
        WIDTH,
        height,
        FONT,
        title_id,
        figure.title,
        mark_safe("".join(body)),  # noqa: S308 (every part was built by format_html)
    )


def bar_chart(figure: FigureSet) -> SafeString:
    """Horizontal bars, one row per label: grouped side by side, or stacked when ``figure.chart == "stacked"``."""
    columns = figure.chart_columns
    names = [figure.columns[index] for index in columns]
    stacked = figure.chart == "stacked"
    body, top = _legend(names, 0) if len(columns) > 1 else ([], 0)
    top += 4 if top else 0
    totals = [[row[1][index] or 0 for index in columns] for row in figure.rows]
    largest = max((sum(values) if stacked else max(values, default=0)) for values in totals) if totals else 0
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest if largest else 0
    bar = 16
    row_height = bar + 8 if stacked else len(columns) * bar + 8
    for (label, _values), values in zip(figure.rows, totals, strict=True):
        body.append(format_html("<g><title>{}</title>", label))
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>', LABEL_WIDTH - 6, top + bar - 4, _short(label)
            )
        )
        x = LABEL_WIDTH
        for position, value in enumerate(values):
            width = round(value * scale, 1)
            y = top if stacked else top + position * bar
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>', x, y, width, bar - 2, colour(position)
                )
            )
            if stacked:
                x += width
            else:
                body.append(format_html('<text x="{}" y="{}">{}</text>', x + width + 4, y + bar - 4, _number(value)))
        if stacked:
            body.append(format_html('<text x="{}" y="{}">{}</text>', x + 4, top + bar - 4, _number(sum(values))))
        body.append(mark_safe("</g>"))
        top += row_height
    return _svg(figure, max(top, 20), body)


def line_chart(figure: FigureSet) -> SafeString:
    """One line per charted column across the rows (months, in order), with the largest value marked on the axis."""
    columns = figure.chart_columns
    body, top = _legend([figure.columns[index] for index in columns], 0)
    plot_top, plot_height, left, bottom_labels = top + 10, 160, 40, 20
    plot_width = WIDTH - left - 8
    series = [[row[1][index] or 0 for row in figure.rows] for index in columns]
    largest = max((max(values, default=0) for values in series), default=0) or 1
    steps = max(len(figure.rows) - 1, 1)
    baseline = plot_top + plot_height
    body.append(format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555"/>', left, baseline, WIDTH, baseline))
    body.append(
        format_html('<text x="{}" y="{}" text-anchor="end">{}</text>', left - 4, plot_top + 4, _number(largest))
    )
    body.append(format_html('<text x="{}" y="{}" text-anchor="end">0</text>', left - 4, baseline))
    every = max(1, round(len(figure.rows) / 4))
    for position, (label, _values) in enumerate(figure.rows):
        if position % every == 0 or position == len(figure.rows) - 1:
            x = left + plot_width * position / steps
            body.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle">{}</text>', round(x, 1), baseline + 16, _short(label)
                )
            )
    for index, values in enumerate(series):
        points = [
            (round(left + plot_width * position / steps, 1), round(baseline - plot_height * value / largest, 1))
            for position, value in enumerate(values)
        ]
        body.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                " ".join(f"{x},{y}" for x, y in points),
                colour(index),
            )
        )
        body.extend(format_html('<circle cx="{}" cy="{}" r="3" fill="{}"/>', x, y, colour(index)) for x, y in points)
    return _svg(figure, baseline + bottom_labels + 4, body)


def chart(figure: FigureSet) -> SafeString:
    """The SVG chart of ``figure`` in its kind; an empty figure has no chart (its table says there is no data)."""
    if not figure.rows:
        return SafeString("")
    return line_chart(figure) if figure.chart == "line" else bar_chart(figure)


def cell(value) -> str:
    return escape(_number(value)) if isinstance(value, int | float) else escape(value if value is not None else "—")
