"""The incubator's figures for the station's statistics: the incubation funnel and the days spent in each stage.

One query reads, per application, when it entered and left each stage (the first matching transition in the audit
trail, ``ApplicationEvent``; entering "applied" is the submission). Counting the stages reached and taking the median
of the per-application durations then happens in Python over those rows: medians are not portable SQL aggregates
(SQLite has none), and the query count stays one whatever the number of applications.

(The module is ``figures``, not ``statistics``: run from inside the plugin's folder, as ``makemessages`` is, a
top-level ``statistics`` module would hide the standard library's.)
"""

from statistics import median

from django.db.models import Min, Q
from django.utils.translation import gettext as _

from cms.plugins import FigureSet, KeyFigure
from incubator.models import Application, ApplicationEvent
from incubator.workflow import PROGRESS, State


def _first_transition(**states):
    return Min("events__created_at", filter=Q(events__kind=ApplicationEvent.Kind.TRANSITION, **states))


def stage_times() -> list[dict]:
    """For every application: when it entered and when it first left each of the four stages (None if never)."""
    annotations = {}
    for state in PROGRESS:
        if state != State.APPLIED:
            annotations[f"entered_{state}"] = _first_transition(events__to_state=state)
        annotations[f"left_{state}"] = _first_transition(events__from_state=state)
    rows = list(Application.objects.order_by().values("pk", "submitted_at", "state").annotate(**annotations))
    for row in rows:
        row[f"entered_{State.APPLIED}"] = row["submitted_at"]
    return rows


def _days(start, end) -> float:
    return (end - start).total_seconds() / 86400


def incubation_figures(request) -> list[FigureSet]:
    rows = stage_times()
    funnel, medians = [], []
    for state in PROGRESS:
        reached = [row for row in rows if row[f"entered_{state}"] is not None]
        durations = [
            _days(row[f"entered_{state}"], row[f"left_{state}"])
            for row in reached
            if row[f"left_{state}"] is not None and row[f"left_{state}"] >= row[f"entered_{state}"]
        ]
        funnel.append((str(State(state).label), (len(reached),)))
        if state != State.MATURE:
            medians.append(
                (str(State(state).label), (round(median(durations), 1) if durations else None, len(durations)))
            )
    exits = {state: sum(1 for row in rows if row["state"] == state) for state in (State.REJECTED, State.WITHDRAWN)}
    mature = funnel[-1][1][0]
    return [
        FigureSet(
            key="incubation-funnel",
            title=_("孵化漏斗：到达各阶段的组织"),
            label_heading=_("阶段"),
            columns=(_("组织数"),),
            rows=tuple(funnel),
            note=_("全部孵化申请;未通过 %(rejected)d 个,已撤回 %(withdrawn)d 个")
            % {"rejected": exits[State.REJECTED], "withdrawn": exits[State.WITHDRAWN]},
            order=50,
            key_figures=(KeyFigure(mature, _("孵化成熟的组织"), order=40),),
        ),
        FigureSet(
            key="incubation-stage-days",
            title=_("各孵化阶段停留天数(中位数)"),
            label_heading=_("阶段"),
            columns=(_("天数中位数"), _("已走完该阶段的组织")),
            rows=tuple(medians),
            unit=_("天"),
            charted=(0,),
            note=_("从进入该阶段到第一次离开该阶段;仍在该阶段的组织不计入"),
            order=55,
        ),
    ]
