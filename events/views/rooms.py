"""Public pages of the function room: week view, booking request, private manage page."""

from django.http import HttpResponse


def room_index(request):
    return HttpResponse()


def room_week(request, slug):
    return HttpResponse()


def booking_request(request, slug):
    return HttpResponse()


def booking_manage(request, token):
    return HttpResponse()


def booking_cancel(request, token):
    return HttpResponse()


def booking_ics(request, token):
    return HttpResponse()
