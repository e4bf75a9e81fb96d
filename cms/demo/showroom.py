"""Demo content of the showroom: the hall's twelve sections, role models, projects, news and the station's details.

Facts come from DOMAIN.md and the 2016 report on the station; the role models are invented for the demo.
Every function is idempotent: pages and images are looked up by slug or title before anything is created.
"""

from wagtail.models import GroupApprovalTask, Page, Site, Workflow, WorkflowPage, WorkflowTask

from cms.demo.content import HALL_SECTIONS, NEWS, PROJECTS, ROLE_MODELS
from cms.demo.images import demo_image, demo_pdf, demo_qr_code
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

FIGURES = [(55000, "+", "实名注册志愿者"), (927, "个", "志愿服务组织"), (1361, "个", "志愿服务项目")]
SHORT_TITLES = {  # what fits on a section's cover card
    "federation-structure": "组织架构",
    "federation-charter": "联合会章程",
    "team-map": "团队分布图",
    "core-values": "核心价值观",
}
FEATURED_SECTIONS = ["preface", "role-models", "key-projects", "volunteers-in-action"]


def add_published_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


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
            photo=demo_image(f"榜样:{data['name']}", text=data["name"], subtitle=data["honour"], size=(600, 750)),
            sort_order=order,
        )


def ensure_projects(home: HomePage) -> ProjectIndexPage:
    index = ProjectIndexPage.objects.child_of(home).first() or add_published_child(
        home,
        ProjectIndexPage(
            title="公益项目",
            slug="projects",
            show_in_menus=True,
            intro="<p>总站分批启动公益项目,把总站建成博罗公益项目的宣传阵地。</p>",
            search_description="博罗志愿服务总站分批启动的公益项目:志愿服务亭、博闻公益书吧、“小篮球、大梦想”助学项目等。",
        ),
    )
    for data in PROJECTS:
        if ProjectPage.objects.filter(slug=data["slug"]).exists():
            continue
        batch_label = "第一批公益项目" if data["batch"] == 1 else "第二批公益项目"
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
                lead_image=demo_image(f"项目:{data['title']}", text=data["short"], subtitle=batch_label),
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
    hall = add_published_child(
        home,
        ExhibitionHallPage(
            title="展示厅",
            slug="hall",
            show_in_menus=True,
            intro="<p>总站展示厅由十二个部分构成,图文并茂地展示博罗县广大志愿者的服务足迹和风采。</p>",
            cover_image=demo_image("展示厅封面", text="志愿服务展示厅", subtitle="博罗志愿服务总站"),
            search_description="博罗志愿服务总站展示厅:前言、组织架构、章程、团队分布图、志愿榜样、重点项目、志愿者风采等十二个部分。",
        ),
    )
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
                cover_image=demo_image(f"展示厅:{title}", text=SHORT_TITLES.get(slug, title), subtitle="展示厅"),
                body=_section_body(slug, blocks, team_index),
            ),
        )
    return hall


def ensure_news(home: HomePage) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(home).first() or add_published_child(
        home,
        NewsIndexPage(
            title="志愿服务动态",
            slug="news",
            show_in_menus=True,
            intro="<p>总站和各志愿服务组织的最新动态。</p>",
            search_description="博罗志愿服务总站新闻:志愿服务动态、公益项目进展和活动回顾。",
        ),
    )
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
                f"新闻:{data['title']}", text=data["short"], subtitle=data["date"].strftime("%Y年%m月")
            ),
            body=[{"type": "paragraph", "value": paragraph} for paragraph in data["body"]],
        )
        page.tags.add(*data["tags"])
        add_published_child(index, page)
    ensure_news_workflow(index)
    return index


def ensure_news_workflow(news_index: NewsIndexPage) -> Workflow:
    """News goes through “新闻审核” (approval by the Moderators group) before it is published."""
    workflow, created = Workflow.objects.get_or_create(name="新闻审核")
    if created:
        task = GroupApprovalTask.objects.create(name="宣传负责人审核")
        task.groups.set(task.groups.model.objects.filter(name="Moderators"))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=news_index, defaults={"workflow": workflow})
    return workflow


def ensure_home_content(home: HomePage, hall: ExhibitionHallPage) -> None:
    if HomePageFigure.objects.filter(page=home).exists():
        return
    home.hero_image = demo_image("首页横幅", text="", colour="#9B0C23", size=(1600, 700))  # the hero text goes on top
    home.figures_note = "数据截至2016年5月底"
    home.figures = [HomePageFigure(value=v, suffix=s, label=label) for v, s, label in FIGURES]
    sections = {section.slug: section for section in HallSectionPage.objects.child_of(hall)}
    home.hall_links = [HomePageHallLink(section=sections[slug]) for slug in FEATURED_SECTIONS if slug in sections]
    home.save_revision().publish()


def ensure_station_settings(home: HomePage) -> None:
    site = Site.objects.get(root_page=home)
    station = StationSettings.for_site(site)
    if station.address:
        return
    station.address = "博罗县罗阳街道博罗志愿服务总站(县城中心)"
    station.opening_hours = "每天 9:00–17:00,值班志愿者在岗"
    station.phone = "0752-6100000"
    station.wechat_account = "文明博罗"
    station.wechat_qr = demo_qr_code("“文明博罗”公众号二维码", "http://hz.wenming.cn/")
    station.weibo_url = "https://weibo.com/"
    station.websites = [
        ("link", {"title": "惠州文明网", "url": "http://hz.wenming.cn/"}),
        ("link", {"title": "中国文明网", "url": "http://www.wenming.cn/"}),
    ]
    station.footer_text = "<p>博罗志愿服务总站 · 博罗县志愿服务联合会 · 奉献、友爱、互助、进步</p>"
    station.save()


def ensure_showroom(home: HomePage) -> None:
    """The whole showroom, in dependency order (role models before the hall that lists them)."""
    ensure_role_models()
    ensure_projects(home)
    hall = ensure_hall(home)
    ensure_news(home)
    ensure_home_content(home, hall)
    ensure_station_settings(home)
