"""Demo content of the showroom: the hall's twelve sections, role models, projects, news and the station's details.

The texts are in ``cms.demo.content``. Every function is idempotent: pages and images are looked up by slug or title
before anything is created.
"""

from django.utils.formats import date_format
from wagtail.models import GroupApprovalTask, Page, Site, Workflow, WorkflowPage, WorkflowTask

from cms.demo.content import (
    BATCH_LABELS,
    FEATURED_SECTIONS,
    HALL_COVER,
    HALL_PAGE,
    HALL_SECTIONS,
    HOME_FIGURES,
    HOME_FIGURES_NOTE,
    HOME_HERO_IMAGE,
    IMAGE_TITLES,
    NEWS,
    NEWS_INDEX_PAGE,
    NEWS_WORKFLOW,
    PROJECT_INDEX_PAGE,
    PROJECTS,
    ROLE_MODELS,
    SECTION_CARD_SUBTITLE,
    SHORT_TITLES,
    STATION_SETTINGS,
    WECHAT_QR,
)
from cms.demo.images import demo_image, demo_pdf, demo_qr_code
from cms.demo.pages import add_published_child, ensure_child_page
from cms.models import (
    ExhibitionHallPage,
    HallSectionPage,
    HomePage,
    HomePageFigure,
    HomePageHallLink,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    ProjectPage,
    RoleModel,
    StationSettings,
    Team,
    TeamIndexPage,
)


def ensure_role_models() -> None:
    teams = {team.slug: team for team in Team.objects.filter(slug__in=[r["team"] for r in ROLE_MODELS])}
    for order, data in enumerate(ROLE_MODELS):
        if RoleModel.objects.filter(slug=data["slug"]).exists():
            continue
        RoleModel.objects.create(
            slug=data["slug"],
            name=data["name"],
            honour=data["honour"],
            year=data["year"],
            service_hours=data["hours"],
            quote=data["quote"],
            story=data["story"],
            team=teams.get(data["team"]),
            photo=demo_image(
                IMAGE_TITLES["role_model"].format(data["name"]),
                text=data["name"],
                subtitle=data["honour"],
                size=(600, 750),
            ),
            sort_order=order,
        )


def ensure_projects(home: HomePage) -> ProjectIndexPage:
    index = ensure_child_page(home, ProjectIndexPage, lambda: ProjectIndexPage(**PROJECT_INDEX_PAGE))
    for data in PROJECTS:
        if ProjectPage.objects.filter(slug=data["slug"]).exists():
            continue
        add_published_child(
            index,
            ProjectPage(
                title=data["title"],
                slug=data["slug"],
                batch=data["batch"],
                status=data["status"],
                launched_on=data.get("launched_on"),
                summary=data["summary"],
                partner=data.get("partner", ""),
                lead_image=demo_image(
                    IMAGE_TITLES["project"].format(data["title"]),
                    text=data["short"],
                    subtitle=BATCH_LABELS[data["batch"]],
                ),
                search_description=data["summary"],
                body=[{"type": "paragraph", "value": data["body"]}],
            ),
        )
    return index


def _section_body(slug: str, blocks: list, team_index: Page | None) -> list:
    """Raw StreamField data of a section; ``{"image": "title"}`` placeholders become demo images."""
    body = []
    for block_type, value in blocks:
        if block_type == "image":
            value = {**value, "image": demo_image(value["image"]).pk}
        elif block_type == "gallery":
            images = [
                {"image": demo_image(title).pk, "caption": caption, "credit": ""} for title, caption in value["images"]
            ]
            value = {**value, "images": images}
        elif block_type == "documents":
            document = demo_pdf(value["title"], value["lines"])
            value = {
                "heading": value["heading"],
                "documents": [{"document": document.pk, "title": "", "description": value["description"]}],
            }
        elif block_type == "link":
            if team_index is None:
                continue
            value = {**value, "page": team_index.pk, "url": ""}
        body.append({"type": block_type, "value": value})
    return body


def _create_hall(home: HomePage) -> ExhibitionHallPage:
    hall = add_published_child(home, ExhibitionHallPage(**HALL_PAGE, cover_image=demo_image(**HALL_COVER)))
    hall.move(home, pos="first-child")  # the hall leads the main navigation
    return ExhibitionHallPage.objects.get(pk=hall.pk)


def ensure_hall(home: HomePage) -> ExhibitionHallPage:
    hall = ExhibitionHallPage.objects.child_of(home).first() or _create_hall(home)
    team_index = TeamIndexPage.objects.live().first()
    for number, (slug, title, summary, blocks) in enumerate(HALL_SECTIONS, start=1):
        if HallSectionPage.objects.child_of(hall).filter(slug=slug).exists():
            continue
        add_published_child(
            hall,
            HallSectionPage(
                title=title,
                slug=slug,
                number_label=f"{number:02d}",
                summary=summary,
                search_description=summary,
                cover_image=demo_image(
                    IMAGE_TITLES["section"].format(title),
                    text=SHORT_TITLES.get(slug, title),
                    subtitle=SECTION_CARD_SUBTITLE,
                ),
                body=_section_body(slug, blocks, team_index),
            ),
        )
    return hall


def ensure_news(home: HomePage) -> NewsIndexPage:
    index = ensure_child_page(home, NewsIndexPage, lambda: NewsIndexPage(**NEWS_INDEX_PAGE))
    for data in NEWS:
        if NewsPage.objects.filter(slug=data["slug"]).exists():
            continue
        page = NewsPage(
            title=data["title"],
            slug=data["slug"],
            date=data["date"],
            intro=data["intro"],
            author=data["author"],
            search_description=data["intro"],
            lead_image=demo_image(
                IMAGE_TITLES["news"].format(data["title"]),
                text=data["short"],
                subtitle=date_format(data["date"], "YEAR_MONTH_FORMAT"),
            ),
            body=[{"type": "paragraph", "value": paragraph} for paragraph in data["body"]],
        )
        page.tags.add(*data["tags"])
        add_published_child(index, page)
    ensure_news_workflow(index)
    return index


def ensure_news_workflow(news_index: NewsIndexPage) -> Workflow:
    """News goes through an approval task of the Moderators group before it is published."""
    workflow, created = Workflow.objects.get_or_create(name=NEWS_WORKFLOW["name"])
    if created:
        task = GroupApprovalTask.objects.create(name=NEWS_WORKFLOW["task"])
        task.groups.set(task.groups.model.objects.filter(name=NEWS_WORKFLOW["group"]))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=news_index, defaults={"workflow": workflow})
    return workflow


def ensure_home_content(home: HomePage, hall: ExhibitionHallPage) -> None:
    if HomePageFigure.objects.filter(page=home).exists():
        return
    home.hero_image = demo_image(**HOME_HERO_IMAGE)
    home.figures_note = HOME_FIGURES_NOTE
    home.figures = [HomePageFigure(value=v, suffix=s, label=label) for v, s, label in HOME_FIGURES]
    sections = {section.slug: section for section in HallSectionPage.objects.child_of(hall)}
    home.hall_links = [HomePageHallLink(section=sections[slug]) for slug in FEATURED_SECTIONS if slug in sections]
    home.save_revision().publish()


def ensure_station_settings(home: HomePage) -> None:
    site = Site.objects.get(root_page=home)
    station = StationSettings.for_site(site)
    if station.address:
        return
    for field, value in STATION_SETTINGS.items():
        setattr(station, field, value)
    station.wechat_qr = demo_qr_code(**WECHAT_QR)
    station.save()


def ensure_showroom(home: HomePage) -> None:
    """The whole showroom, in dependency order (role models before the hall that lists them)."""
    ensure_role_models()
    ensure_projects(home)
    hall = ensure_hall(home)
    ensure_news(home)
    ensure_home_content(home, hall)
    ensure_station_settings(home)
