"""Charts and table cells of the station's figures (see ``cms.charts``)."""

from django import template

from cms import charts

register = template.Library()


@register.simple_tag
def figure_chart(figure):
    return charts.chart(figure)


@register.filter
def figure_cell(value):
    return charts.cell(value)
