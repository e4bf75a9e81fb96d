"""The requester's pages: order a service, the confirmation, the private status page, cancel, rate. No account."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms.models import Township
from cms.ratelimits import limit_posts
from cms.workflow import private_link_page
from needs import services
from needs.forms import CancelForm, NeedForm, RatingForm, categories
from needs.models import Need, NeedPhoto
from needs.workflow import OPEN_STATES, PROGRESS, Requester, State, TransitionError, perform_transition

LAST_NEED_SESSION_KEY = "needs_last_need"
WALL_PAGE_SIZE = 30


def _posted(request) -> tuple:
    return (request.POST,) if request.method == "POST" else ()


# At most ``NEEDS_FORM_RATE`` submissions of each form per client; beyond it a friendly page with status 429.
rate_limited = limit_posts(rate_setting="NEEDS_FORM_RATE", default="5/h", template="needs/rate_limited.html")


@require_http_methods(["GET", "POST"])
@rate_limited
def order(request):
    form = NeedForm(*_posted(request))
    if request.method == "POST":
        if form.is_spam():
            return redirect("needs:order_done")  # a bot is shown success and nothing is saved
        if form.is_valid():
            need = services.submit_need(form.save(commit=False))
            request.session[LAST_NEED_SESSION_KEY] = need.pk
            return redirect("needs:order_done")
    return render(request, "needs/order.html", {"form": form})


@private_link_page
def order_done(request):
    need = Need.objects.filter(pk=request.session.get(LAST_NEED_SESSION_KEY)).first()
    return render(request, "needs/order_done.html", {"need": need})


@private_link_page
def status(request, token):
    need = get_object_or_404(Need.objects.select_related("township", "team"), status_token=token)
    reached = PROGRESS.index(need.state) if need.state in PROGRESS else -1
    steps = [{"name": state.label, "done": i <= reached, "current": i == reached} for i, state in enumerate(PROGRESS)]
    return render(
        request,
        "needs/status.html",
        {
            "need": need,
            "steps": steps,
            "timeline": need.events.all(),
            "can_cancel": need.state in OPEN_STATES,
            "rating_form": RatingForm() if need.state == State.DONE else None,
            "cancel_form": CancelForm(),
            "photos": need.photos.all(),
        },
    )


@private_link_page
def status_photo(request, token, pk):
    """A completion photo, for the holder of the status link only."""
    return services.photo_response(get_object_or_404(NeedPhoto, pk=pk, need__status_token=token))


def _act(request, token, action, success, **details):
    need = get_object_or_404(Need, status_token=token)
    try:
        perform_transition(need, action, Requester(need.pk), **details)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(need.get_status_url())


@private_link_page
@require_POST
@rate_limited
def cancel(request, token):
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(request, token, "cancel", _("点单已取消。"), comment=reason)


@private_link_page
@require_POST
@rate_limited
def rate(request, token):
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择评分。"))
        return redirect(get_object_or_404(Need, status_token=token).get_status_url())
    return _act(
        request,
        token,
        "rate",
        _("感谢您的评价!"),
        comment=form.cleaned_data["comment"],
        rating=form.cleaned_data["rating"],
    )


@private_link_page
@require_POST
@rate_limited
def share_photos(request, token):
    need = get_object_or_404(Need, status_token=token)
    shared = request.POST.get("shared") == "1"
    services.share_photos(need, shared)
    messages.success(request, _("服务照片将展示在点单墙上。") if shared else _("服务照片不再公开。"))
    return redirect(need.get_status_url())


def public_photo(request, pk):
    """A completion photo the requester agreed to show on the wall; any other is not found."""
    return services.photo_response(get_object_or_404(services.shared_photos(), pk=pk), public=True)


def wall(request):
    """The 微心愿 wall: recent needs and completions with nothing personal, filters and the station's figures."""
    category, township, state = (request.GET.get(name, "")[:50] for name in ("category", "township", "state"))
    wall_page = Paginator(services.public_needs(category, township, state), WALL_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    states = dict(State.choices)
    photos = services.first_shared_photos(row["pk"] for row in wall_page)
    for row in wall_page:
        row["state_label"] = states[row["state"]]
        row["photo_id"] = photos.get(row["pk"])
    return render(
        request,
        "needs/wall.html",
        {
            "wall_page": wall_page,
            "figures": services.public_figures(),
            "categories": categories(),
            "townships": Township.objects.order_by("sort_order", "name"),
            "states": [(value, states[value]) for value in services.PUBLIC_STATES],
            "chosen": {"category": category, "township": township, "state": state},
        },
    )
