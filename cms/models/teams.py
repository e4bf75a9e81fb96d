"""Volunteer teams: the shared domain object of the showroom, the incubator and the events plugin."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, FloatField, Max, Min, Prefetch, prefetch_related_objects
from django.db.models.functions import Cast, Coalesce
from django.http import Http404
from django.urls import reverse
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
from cms.security_headers import permissions_policy

# Sub-paths of the team directory that a team's slug must not take.
RESERVED_TEAM_SLUGS = {"map"}
LOGO_RENDITION = "fill-160x160|format-webp"
ROLE_MODEL_RENDITION = "fill-120x120|format-webp"
TEAMS_PER_PAGE = 24
# The team map's list: the first teams of the county, or the nearest ones (the rest are on the map, by area).
MAP_LISTED_TEAMS = 30
MAP_NEARBY_TEAMS = 30
# Half-sides of the boxes tried around the origin, in kilometres: a neighbourhood, the county, the province.
NEAR_BOXES_KM = (5, 40, 300)
KM_PER_DEGREE_OF_LATITUDE = 111.2


# Every coordinate the site stores is in the datum of its map (MAP_DATUM: GCJ-02 with the default Gaode tiles).
COORDINATE_HELP = _(
    "GCJ-02 坐标:在高德或腾讯地图上取点(站点地图改用 WGS-84 时填 GPS 坐标)。百度地图的坐标(BD-09)偏差约 1 公里,请勿使用。"
)


class Township(models.Model):
    """A township or sub-district of the county, with a centre point for "near me" and the map."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=50, unique=True, allow_unicode=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, help_text=COORDINATE_HELP)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, help_text=COORDINATE_HELP)
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

    def located(self):
        """With ``lat``/``lng``: the team's own coordinates, else its township's centre; teams with neither left out."""
        return self.annotate(
            lat=Cast(Coalesce("latitude", "township__latitude"), FloatField()),
            lng=Cast(Coalesce("longitude", "township__longitude"), FloatField()),
        ).filter(lat__isnull=False, lng__isnull=False)

    def bounds(self) -> list[list[float]] | None:
        """``[[south, west], [north, east]]`` around these teams (one aggregate query), None without any."""
        box = self.located().aggregate(south=Min("lat"), west=Min("lng"), north=Max("lat"), east=Max("lng"))
        return None if box["south"] is None else [[box["south"], box["west"]], [box["north"], box["east"]]]

    def nearest(self, origin, count: int) -> list:
        """Of these teams, the ``count`` nearest to ``origin`` by a flat-earth distance the database computes (its own
        coordinates, else its township's centre): only these are loaded and measured exactly by the caller.

        The database first looks inside a box around the origin (a range on each coordinate), then a larger one, and the
        whole table only when no box holds enough teams. A box's answer is kept only when its farthest team lies within
        the circle the box encloses, so no team outside the box can be nearer. Over a county or a province the flat
        distance orders teams as the great-circle one does, bar near-ties at hundreds of kilometres; asking for more than
        needed leaves room for those.
        """
        lat = Cast(Coalesce("latitude", "township__latitude"), FloatField())
        lng = Cast(Coalesce("longitude", "township__longitude"), FloatField())
        squeeze = math.cos(math.radians(origin.latitude)) ** 2  # a degree of longitude is shorter away from the equator
        flat = (lat - origin.latitude) * (lat - origin.latitude) + (lng - origin.longitude) * (
            lng - origin.longitude
        ) * squeeze
        located = self.annotate(flat=flat).filter(flat__isnull=False).order_by(F("flat").asc(), "name")
        lookups, located = located._prefetch_related_lookups, located.prefetch_related(None)
        for km in NEAR_BOXES_KM:
            half_lat = km / KM_PER_DEGREE_OF_LATITUDE
            half_lng = half_lat / max(math.sqrt(squeeze), 0.01)
            boxed = located.alias(box_lat=lat, box_lng=lng).filter(
                box_lat__range=(origin.latitude - half_lat, origin.latitude + half_lat),
                box_lng__range=(origin.longitude - half_lng, origin.longitude + half_lng),
            )
            found = list(boxed[:count])
            enclosed = min(half_lat, half_lng * math.sqrt(squeeze))  # the radius of the circle inside the box
            if len(found) == count and found[-1].flat <= enclosed * enclosed:
                break
        else:
            found = list(located[:count])
        prefetch_related_objects(found, *lookups)  # once, for the answer only
        return found


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
        help_text=COORDINATE_HELP,
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=COORDINATE_HELP,
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
        """The team map (分布图) with its list; ``?township=`` or ``?lat=&lng=`` lists the nearest teams by distance.

        The page costs what it shows, not what the database holds: the list holds the first teams (or the nearest),
        the map starts with their markers and the script asks ``/api/teams/markers`` for those of the area in view.
        """
        townships = list(Township.objects.all())
        published = Team.objects.published()
        status = 200
        error = ""
        try:
            origin = team_map.origin_from_query(request.GET, townships, team_map.site_datum(settings))
        except InvalidPoint as invalid:
            origin, error, status = None, str(invalid), 400
        if origin:
            candidates = published.for_listing().nearest(origin.point, 2 * MAP_NEARBY_TEAMS + 20)
            nearby = team_map.sort_by_distance(self._with_profile_urls(candidates, request), origin.point)
            nearby = nearby[:MAP_NEARBY_TEAMS]
            teams, total = [item.team for item in nearby], None
        else:
            nearby = []
            ordered = published.for_listing().order_by("township__sort_order", "duty_order", "name")
            teams = self._with_profile_urls(list(ordered[:MAP_LISTED_TEAMS]), request)
            total = published.count()
        response = self.render(
            request,
            template="pages/team_map.html",
            context_overrides={
                "teams": teams,
                "teams_total": total,
                "townships": townships,
                "origin": origin,
                "nearby": nearby,
                "reach_counts": team_map.reach_counts(nearby),
                "error": error,
                "markers": team_map.map_markers(teams, nearby),
                "map_settings": {
                    **team_map.map_settings(settings, origin),
                    "markersUrl": reverse("api:team_markers"),
                    "bounds": published.bounds(),
                },
            },
        )
        response.status_code = status
        # "Use my location" is the one place the site asks for the visitor's position.
        response["Permissions-Policy"] = permissions_policy(geolocation=True)
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
