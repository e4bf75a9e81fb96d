"""The workflow picture, drawn from the transition definitions themselves so that it can never drift from the code."""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from incubator.workflow import ACTIONS, PROGRESS, State, transitions_of

NODE_W, NODE_H = 132, 44
COLUMN, ROW = 190, 190
MARGIN = 30


@dataclass(frozen=True)
class Edge:
    action: str
    label: str
    who: str
    source: str
    target: str
    conditions: tuple[str, ...]
    comment_required: bool


def edges() -> list[Edge]:
    """Every (source → target) step of the workflow, in the order the actions are declared."""
    found = []
    for action in ACTIONS:
        for source, transition in transitions_of(action).transitions.items():
            found.append(
                Edge(
                    action=action,
                    label=str(transition.custom["label"]),
                    who=str(transition.custom["who"]),
                    source=str(source),
                    target=str(transition.target),
                    conditions=tuple(check.__name__ for check in transition.conditions),
                    comment_required=bool(transition.custom.get("comment_required")),
                )
            )
    return found


def _positions() -> dict[str, tuple[int, int]]:
    """The four stages in a row; every other state below, centred under the stages that lead to it."""
    positions = {state.value: (MARGIN + i * COLUMN, MARGIN) for i, state in enumerate(PROGRESS)}
    side = [state.value for state in State if state.value not in positions]
    for i, state in enumerate(side):
        positions[state] = (MARGIN + COLUMN // 2 + i * COLUMN * 2, MARGIN + ROW)
    return positions


def svg() -> str:
    """An accessible SVG of the workflow: boxes for states, arrows labelled with the action for each transition."""
    positions = _positions()
    width = max(x for x, _ in positions.values()) + NODE_W + MARGIN
    height = max(y for _, y in positions.values()) + NODE_H + MARGIN
    labels = dict(State.choices)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="workflow-title" font-family="sans-serif" font-size="13">',
        '<title id="workflow-title">孵化流程图</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#57606a"/></marker></defs>',
    ]
    for edge in edges():
        (sx, sy), (tx, ty) = positions[edge.source], positions[edge.target]
        x1, y1 = sx + NODE_W / 2, sy + NODE_H / 2
        x2, y2 = tx + NODE_W / 2, ty + NODE_H / 2
        if sy == ty:  # along the row: from the right edge of one box to the left edge of the next
            x1, x2 = sx + NODE_W, tx
        elif ty > sy:  # down to a side exit
            y1, y2 = sy + NODE_H, ty
        else:  # back up (reopen)
            y1, y2 = sy, ty + NODE_H
        # a slight bend keeps opposite arrows and their labels apart
        bend = 18 if ty < sy else -10 if ty > sy else 0
        cx, cy = (x1 + x2) / 2 + bend, (y1 + y2) / 2
        colour = "#9b0c23" if edge.target in (State.REJECTED, State.WITHDRAWN) else "#57606a"
        parts.append(
            f'<g class="edge" data-action="{edge.action}" data-source="{edge.source}" data-target="{edge.target}">'
            f'<path d="M{x1:.0f},{y1:.0f} Q{cx:.0f},{cy:.0f} {x2:.0f},{y2:.0f}" fill="none" stroke="{colour}" '
            f'stroke-width="1.5" marker-end="url(#arrow)"/>'
            f'<text x="{cx:.0f}" y="{cy - 4:.0f}" text-anchor="middle" fill="{colour}" paint-order="stroke" '
            f'stroke="#fff" stroke-width="4">{escape(edge.label)}</text></g>'
        )
    for state, (x, y) in positions.items():
        stage = state in PROGRESS
        parts.append(
            f'<g class="node" data-state="{state}"><rect x="{x}" y="{y}" width="{NODE_W}" height="{NODE_H}" rx="10" '
            f'fill="{"#c8102e" if stage else "#f3f4f6"}" stroke="{"#9b0c23" if stage else "#8c959f"}"/>'
            f'<text x="{x + NODE_W / 2:.0f}" y="{y + NODE_H / 2 + 5:.0f}" text-anchor="middle" '
            f'fill="{"#fff" if stage else "#1f2328"}" font-weight="700">{escape(str(labels[state]))}</text></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def mermaid() -> str:
    """The same picture as a Mermaid state diagram, for the README."""
    labels = dict(State.choices)
    lines = ["stateDiagram-v2", f"    [*] --> {State.APPLIED.value}"]
    lines += [f"    {state}: {labels[state]}" for state in State.values]
    lines += [f"    {edge.source} --> {edge.target}: {edge.label}({edge.who})" for edge in edges()]
    lines.append(f"    {State.MATURE.value} --> [*]")
    return "\n".join(lines)
