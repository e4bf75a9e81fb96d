"""The applicant's pages: apply, confirmation, private status page, withdraw, resend the link. No account needed."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.i18n import reader_language
from cms.outbox import send_after_commit
from cms.ratelimits import limit_posts
from cms.workflow import private_link_page
from incubator import services, tasks
from incubator.forms import ApplicationForm, ResendLinkForm, WithdrawForm
from incubator.models import Application, ApplicationEvent
from incubator.workflow import OPEN_STATES, PROGRESS, PUBLIC_STAGES, Applicant, TransitionError, perform_transition

LAST_APPLICATION_SESSION_KEY = "incubator_last_application"


def _posted(request, files=False) -> tuple:
    """A form's data: bound on POST (even an empty one, so that it is validated), unbound otherwise."""
    if request.method != "POST":
        return ()
    return (request.POST, request.FILES) if files else (request.POST,)


# At most ``INCUBATOR_FORM_RATE`` submissions of each form per client; beyond it a friendly page with status 429.
rate_limited = limit_posts(rate_setting="INCUBATOR_FORM_RATE", default="5/h", template="incubator/rate_limited.html")


@require_http_methods(["GET", "POST"])
@rate_limited
def apply(request):
    form = ApplicationForm(*_posted(request, files=True))
    if request.method == "POST":
        if form.is_spam():
            return redirect("incubator:apply_done")  # a bot is shown success and nothing is saved
        if form.is_valid():
            try:
                application = services.submit_application(form.save(commit=False))
            except services.DuplicateApplication as duplicate:
                form.add_error(
                    None,
                    _("“%(name)s”已有一份申请正在办理(%(stage)s),无需重复提交。请用下方“找回进度链接”查看进度。")
                    % {"name": duplicate.existing.organisation_name, "stage": duplicate.existing.public_stage.name},
                )
            else:
                request.session[LAST_APPLICATION_SESSION_KEY] = application.pk
                return redirect("incubator:apply_done")
    return render(request, "incubator/apply.html", {"form": form, "resend_form": ResendLinkForm()})


@private_link_page
def apply_done(request):
    application = Application.objects.filter(pk=request.session.get(LAST_APPLICATION_SESSION_KEY)).first()
    return render(request, "incubator/apply_done.html", {"application": application})


@require_http_methods(["GET", "POST"])
@rate_limited
def resend_link(request):
    form = ResendLinkForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        send_after_commit(tasks.send_status_links, form.cleaned_data["email"], reader_language())
        # The same answer whether or not the address is known, so the form reveals nobody's application.
        messages.success(request, _("如果该邮箱提交过申请,进度链接已发送到这个邮箱,请查收。"))
        return redirect("incubator:resend_link")
    return render(request, "incubator/resend_link.html", {"form": form})


@private_link_page
def status(request, token):
    application = get_object_or_404(Application.objects.select_related("township", "mentor"), status_token=token)
    timeline = application.events.filter(visibility=ApplicationEvent.Visibility.APPLICANT)
    upcoming = application.sessions.filter(starts_at__gte=timezone.now())
    reached = PROGRESS.index(application.state) if application.state in PROGRESS else -1
    steps = [
        {"name": PUBLIC_STAGES[state].name, "done": i <= reached, "current": i == reached}
        for i, state in enumerate(PROGRESS)
    ]
    return render(
        request,
        "incubator/status.html",
        {
            "application": application,
            "stage": application.public_stage,
            "steps": steps,
            "timeline": timeline,
            "upcoming": upcoming,
            "public_stages": PUBLIC_STAGES,
            "can_withdraw": application.state in OPEN_STATES,
        },
    )


@private_link_page
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    application = get_object_or_404(Application, status_token=token)
    form = WithdrawForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            perform_transition(application, "withdraw", Applicant(application.pk), comment=form.cleaned_data["reason"])
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("申请已撤回。如需继续孵化,请联系总站。"))
        return redirect(application.get_status_url())
    return render(request, "incubator/withdraw.html", {"application": application, "form": form})
