"""Volunteer teams: the shared domain object of the showroom, the incubator and the events plugin."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index

from cms import team_map
from cms.geo import InvalidPoint
from cms.plugins import team_profile_panels

# Sub-paths of the team directory that a team's slug must not take.
RESERVED_TEAM_SLUGS = {"map"}
LOGO_RENDITION = "fill-160x160|format-webp"
ROLE_MODEL_RENDITION = "fill-120x120|format-webp"
TEAMS_PER_PAGE = 24


class Township(models.Model):
    """A township or sub-district of the county, with a centre point for "near me" and the map."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=50, unique=True, allow_unicode=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("镇街")
        verbose_name_plural = _("镇街")

    def __str__(self):
        return self.name


class TeamQuerySet(models.QuerySet):
    def published(self):
        """Teams the public may see: published ones (a draft waits for an editor)."""
        return self.filter(live=True)

    def for_listing(self):
        """With township and logo (renditions prefetched), so a listing makes a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(LOGO_RENDITION)
        return self.select_related("township").prefetch_related(Prefetch("logo", queryset=images))

    def specialities(self) -> list[str]:
        return list(self.exclude(speciality="").order_by("speciality").values_list("speciality", flat=True).distinct())


class Team(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model):
    """A volunteer team (志愿服务队伍). Drafts (``live=False``) wait for an editor to publish them."""

    class Status(models.TextChoices):
        INCUBATING = "incubating", _("孵化中")
        ACTIVE = "active", _("活跃")
        INACTIVE = "inactive", _("暂停活动")

    name = models.CharField(_("队伍名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=100, unique=True, allow_unicode=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("队徽"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speciality = models.CharField(_("服务领域"), max_length=50, blank=True, help_text=_("例如:助老、环保、助学"))
    summary = models.TextField(_("简介"), blank=True)
    uniform_colour = models.CharField(
        _("队服颜色"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("请填写形如 #C8102E 的颜色值"))],
        help_text=_("值班时所穿队服的颜色,形如 #C8102E"),
    )
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("队员人数"), default=0)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    township = models.ForeignKey(
        Township, verbose_name=_("所在镇街"), null=True, blank=True, on_delete=models.SET_NULL, related_name="teams"
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    platform_name = models.CharField(
        _("志愿者平台登记名称"), max_length=100, blank=True, help_text=_("在市志愿服务平台上登记的队伍名称(四个同步)")
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    on_duty_rota = models.BooleanField(_("参与总站值班"), default=False, help_text=_("每日轮流到总站值班的特色队伍"))
    duty_order = models.PositiveSmallIntegerField(_("值班顺序"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("speciality"),
        index.SearchField("summary"),
        index.AutocompleteField("name"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["duty_order", "name"]
        verbose_name = _("志愿团队")
        verbose_name_plural = _("志愿团队")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in RESERVED_TEAM_SLUGS:
            raise ValidationError({"slug": _("“%(slug)s”已被团队分布图使用,请换一个网址标识") % {"slug": self.slug}})

    @property
    def display_colour(self) -> str:
        return self.uniform_colour or "#C8102E"

    @property
    def badge_text(self) -> str:
        return team_map.badge_text(self.name, self.township.name if self.township_id else "")

    @property
    def ink_colour(self) -> str:
        """The text colour on the uniform colour: white, or dark on a light uniform such as yellow."""
        return team_map.ink_on(self.display_colour)

    def get_url(self, request=None) -> str | None:
        """The public profile page, or None while the team is a draft or the site has no team directory."""
        if not self.live:
            return None
        index_page = TeamIndexPage.objects.live().public().first()
        return index_page.team_url(self, request) if index_page else None

    def featured_role_models(self):
        """The team's role models shown on its profile, photos' renditions prefetched."""
        images = get_image_model().objects.prefetch_renditions(ROLE_MODEL_RENDITION)
        return self.role_models.filter(featured=True).prefetch_related(Prefetch("photo", queryset=images))

    def get_preview_template(self, request, mode_name):
        return "pages/team_profile.html"

    def get_preview_context(self, request, mode_name):
        return {"team": self, "role_models": self.featured_role_models() if self.pk else []}


class TeamIndexPage(RoutablePageMixin, Page):
    """The team directory (``/teams/``), each team's profile (``/teams/<slug>/``) and the team map (``/teams/map/``)."""

    intro = RichTextField(_("简介"), blank=True, features=["bold", "italic", "link"], help_text=_("显示在团队名录顶部"))
    map_intro = RichTextField(
        _("分布图说明"), blank=True, features=["bold", "italic", "link"], help_text=_("显示在团队分布图页面顶部")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("map_intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1
    template = "pages/team_index_page.html"

    class Meta:
        verbose_name = _("志愿团队名录")
        verbose_name_plural = _("志愿团队名录")

    def team_url(self, team, request=None) -> str:
        return (self.get_url(request) or "") + self.reverse_subpage("team", args=[team.slug])

    def _with_profile_urls(self, teams, request):
        """Set ``profile_url`` on each team, resolving this page's own URL once."""
        base = self.get_url(request) or ""
        for team in teams:
            team.profile_url = base + self.reverse_subpage("team", args=[team.slug])
        return teams

    def map_url(self, request=None) -> str:
        return (self.get_url(request) or "") + self.reverse_subpage("team_map")

    def get_sitemap_urls(self, request=None):
        """The directory, the map and every published team's profile."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        urls.append({"location": base + self.reverse_subpage("team_map")})
        for team in Team.objects.published().only("slug", "last_published_at", "updated_at"):
            location = base + self.reverse_subpage("team", args=[team.slug])
            urls.append({"location": location, "lastmod": team.last_published_at or team.updated_at})
        return urls

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_url"] = self.map_url(request)
        context["directory_url"] = self.get_url(request)
        return context

    @path("")
    def directory(self, request):
        """All published teams, filtered by township and speciality, a page at a time."""
        teams = Team.objects.published()
        townships = list(Township.objects.all())
        specialities = teams.specialities()
        township = next((t for t in townships if t.slug == request.GET.get("township")), None)
        speciality = request.GET.get("speciality", "")
        if township:
            teams = teams.filter(township=township)
        if speciality in specialities:
            teams = teams.filter(speciality=speciality)
        else:
            speciality = ""
        teams_page = Paginator(teams.for_listing(), TEAMS_PER_PAGE).get_page(request.GET.get("page"))
        self._with_profile_urls(teams_page, request)
        return self.render(
            request,
            context_overrides={
                "teams": teams_page,
                "townships": townships,
                "specialities": specialities,
                "selected_township": township,
                "selected_speciality": speciality,
            },
        )

    @path("map/")
    def team_map(self, request):
        """The team map (分布图) with its list; ``?township=`` or ``?lat=&lng=`` sorts the list by distance."""
        townships = list(Township.objects.all())
        teams = list(Team.objects.published().for_listing().order_by("township__sort_order", "duty_order", "name"))
        self._with_profile_urls(teams, request)
        status = 200
        error = ""
        try:
            origin = team_map.origin_from_query(request.GET, townships)
        except InvalidPoint as invalid:
            origin, error, status = None, str(invalid), 400
        nearby = team_map.sort_by_distance(teams, origin.point) if origin else []
        response = self.render(
            request,
            template="pages/team_map.html",
            context_overrides={
                "teams": teams,
                "townships": townships,
                "origin": origin,
                "nearby": nearby,
                "reach_counts": team_map.reach_counts(nearby),
                "error": error,
                "markers": team_map.map_markers(teams, nearby),
                "map_settings": team_map.map_settings(settings, origin),
            },
        )
        response.status_code = status
        return response

    @path("<str:slug>/")
    def team(self, request, slug):
        """A published team's profile (a volunteer-card style identity); drafts are not found."""
        team = Team.objects.published().select_related("township", "logo").filter(slug=slug).first()
        if team is None:
            raise Http404
        return self.render(
            request,
            template="pages/team_profile.html",
            context_overrides={
                "team": team,
                "role_models": team.featured_role_models(),
                "plugin_panels": team_profile_panels(request, team),
            },
        )
