"""What a mature organisation becomes in the showroom: a ``cms.models.Team`` draft that editors review and publish."""

from django.utils.text import slugify

from cms.models import Team


def _unique_slug(name: str) -> str:
    base = slugify(name, allow_unicode=True)[:90] or "team"
    slug, n = base, 1
    while Team.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def draft_team_for(application) -> Team:
    """Create or update the application's team as an unpublished revision, marked active; return it.

    A new team is saved with ``live=False``. For a team already in the showroom only a new revision is saved, so its
    live version stays as it is until an editor publishes the changes in the Team snippet admin.
    """
    team = application.team or Team.objects.filter(name=application.organisation_name).first()
    if team is None:
        team = Team(
            name=application.organisation_name,
            slug=_unique_slug(application.organisation_name),
            live=False,
            status=Team.Status.INCUBATING,
        )
    team.status = Team.Status.ACTIVE
    team.speciality = application.get_field_of_service_display()
    team.summary = team.summary or application.introduction
    team.member_count = application.member_count
    team.founded_on = team.founded_on or application.founded_on
    team.township = application.township
    team.contact_name = application.founder_name
    team.contact_phone = application.contact_phone
    team.contact_email = application.contact_email
    if team.pk is None:
        team.save()
    team.save_revision()
    return team
