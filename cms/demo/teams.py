"""Demo volunteer teams of Boluo county: the seven featured duty teams and a few others. Idempotent.

Other engineers' demo data (incubator, events) relies on these slugs; keep them stable.
"""

from datetime import date
from decimal import Decimal

from cms.demo.images import demo_image
from cms.models import ScreenPage, Team, TeamIndexPage, Township

# The seven featured teams that take turns on duty at the station (值班制), in duty order.
# (slug, name, township slug, speciality, uniform colour, founded, members, latitude, longitude, contact, address, summary)
DUTY_TEAMS = [
    (
        "hongmian",
        "博罗县红棉志愿服务队",
        "luoyang",
        "助老助残",
        "#C8102E",
        date(2011, 3, 5),
        168,
        "23.174800",
        "114.287200",
        "陈丽萍",
        "罗阳街道北门路18号",
        "红棉志愿服务队长期结对县城孤寡老人和残障人士,开展上门探访、代购代办和节日慰问。",
    ),
    (
        "lantian",
        "博罗县蓝天应急救援志愿服务队",
        "luoyang",
        "应急救援",
        "#1F4E9E",
        date(2013, 7, 20),
        96,
        "23.168200",
        "114.294500",
        "刘志强",
        "罗阳街道城南路66号",
        "蓝天应急救援队承担防汛抢险、山地搜救和急救培训,常年在总站开展应急知识普及。",
    ),
    (
        "bowen-shuxiang",
        "博罗县博闻书香志愿服务队",
        "luoyang",
        "阅读推广",
        "#6A1B9A",
        date(2015, 4, 23),
        72,
        "23.179600",
        "114.281900",
        "黄晓琳",
        "罗阳街道商业街博闻公益书吧",
        "书香志愿服务队运营博闻公益书吧,组织亲子共读、图书漂流和社区读书会。",
    ),
    (
        "jiaotong-quandao",
        "博罗县文明交通劝导志愿服务队",
        "luoyang",
        "文明交通",
        "#F2B705",
        date(2012, 9, 1),
        210,
        "23.171300",
        "114.296800",
        "张伟明",
        "罗阳街道罗阳一路与观背路交界",
        "在县城主要路口开展文明交通劝导,上下学高峰护送学生过马路。",
    ),
    (
        "luofushan-lvse",
        "罗浮山绿色环保志愿服务队",
        "changning",
        "生态环保",
        "#2E7D32",
        date(2010, 6, 5),
        134,
        "23.377800",
        "114.193600",
        "李国华",
        "长宁镇罗浮山景区游客中心",
        "守护罗浮山的绿水青山:登山拾废、垃圾分类宣传和护林防火巡查。",
    ),
    (
        "shiwan-qingnian",
        "石湾镇青年志愿服务队",
        "shiwan",
        "社区服务",
        "#EF6C00",
        date(2014, 5, 4),
        88,
        "23.131500",
        "113.996100",
        "罗嘉豪",
        "石湾镇永石大道团委青年之家",
        "青年志愿者走进社区和工业园区,为外来务工人员子女开展四点半课堂。",
    ),
    (
        "yuanzhou-jinguo",
        "园洲镇巾帼志愿服务队",
        "yuanzhou",
        "妇女儿童关爱",
        "#D81B60",
        date(2013, 3, 8),
        65,
        "23.117200",
        "113.965400",
        "钟美玲",
        "园洲镇妇女儿童活动中心",
        "巾帼志愿者关爱留守儿童和困境妇女,开展家庭教育讲座和心理疏导。",
    ),
]

# Other listed teams (not on the duty rota).
# (slug, name, township slug, speciality, founded, members, latitude, longitude, status, summary)
OTHER_TEAMS = [
    (
        "longxi-aixin",
        "龙溪街道爱心义工队",
        "longxi",
        "社区服务",
        date(2016, 1, 10),
        45,
        "23.088100",
        "114.090300",
        Team.Status.ACTIVE,
        "在龙溪各社区开展义剪、家电义修和邻里互助。",
    ),
    (
        "futian-xiangcun",
        "福田镇乡村振兴志愿服务队",
        "futian",
        "乡村振兴",
        date(2018, 10, 17),
        38,
        "23.266200",
        "114.201100",
        Team.Status.ACTIVE,
        "助力农产品直播带货和美丽乡村建设。",
    ),
    (
        "huzhen-liushou",
        "湖镇镇关爱留守儿童志愿服务队",
        "huzhen",
        "助学",
        date(2015, 6, 1),
        52,
        "23.241300",
        "114.336200",
        Team.Status.ACTIVE,
        "周末陪伴留守儿童学习和游戏,组织暑期夏令营。",
    ),
    (
        "longhua-yiliao",
        "龙华镇医疗健康志愿服务队",
        "longhua",
        "医疗健康",
        date(2014, 11, 9),
        41,
        "23.205100",
        "114.216900",
        Team.Status.ACTIVE,
        "镇卫生院医护人员组成,定期下村义诊和健康讲座。",
    ),
    (
        "baitang-chaxiang",
        "柏塘镇茶乡文化志愿服务队",
        "baitang",
        "文化传承",
        date(2017, 4, 15),
        29,
        "23.395200",
        "114.411800",
        Team.Status.ACTIVE,
        "传承柏塘山茶文化,开展非遗展演和文化进村活动。",
    ),
    (
        "xiaolanqiu",
        "“小篮球、大梦想”助学志愿服务队",
        "luoyang",
        "助学",
        date(2015, 9, 10),
        36,
        "23.183900",
        "114.300200",
        Team.Status.ACTIVE,
        "为山区学校捐赠篮球器材并开展篮球公益训练营。",
    ),
    (
        "yangcun-huhe",
        "杨村镇护河志愿服务队",
        "yangcun",
        "生态环保",
        date(2019, 3, 22),
        24,
        "23.451100",
        "114.447700",
        Team.Status.INACTIVE,
        "巡护东江支流,清理河道垃圾。",
    ),
    (
        "taimei-linli",
        "泰美镇邻里守望志愿服务队",
        "taimei",
        "社区服务",
        date(2026, 5, 1),
        12,
        "23.212300",
        "114.134100",
        Team.Status.INCUBATING,
        "新成立的志愿服务组织,正在总站志愿客厅接受孵化指导。",
    ),
]

DUTY_TEAM_SLUGS = [row[0] for row in DUTY_TEAMS]


def _publish_new(team: Team) -> None:
    """Save a new demo team and publish it, so its history starts with a revision like an editor's would."""
    team.live = False
    team.save()
    team.save_revision().publish()


def ensure_teams(home=None) -> list[Team]:
    """The demo teams, created once (existing teams, perhaps edited since, are left alone). Returns all of them.

    Given the home page, also the team directory and the screen-mode page under it.
    """
    townships = {township.slug: township for township in Township.objects.all()}
    existing = set(
        Team.objects.filter(slug__in=[row[0] for row in DUTY_TEAMS + OTHER_TEAMS]).values_list("slug", flat=True)
    )
    for order, row in enumerate(DUTY_TEAMS, start=1):
        slug, name, town, speciality, colour, founded, members, lat, lng, contact, address, summary = row
        if slug in existing:
            continue
        _publish_new(
            Team(
                slug=slug,
                name=name,
                township=townships.get(town),
                speciality=speciality,
                uniform_colour=colour,
                founded_on=founded,
                member_count=members,
                latitude=Decimal(lat),
                longitude=Decimal(lng),
                contact_name=contact,
                contact_phone=f"0752-6{order:02d}{order * 1111 % 10000:04d}",
                address=address,
                summary=summary,
                platform_name=name,
                status=Team.Status.ACTIVE,
                on_duty_rota=True,
                duty_order=order,
            )
        )
    for order, row in enumerate(OTHER_TEAMS, start=len(DUTY_TEAMS) + 1):
        slug, name, town, speciality, founded, members, lat, lng, status, summary = row
        if slug in existing:
            continue
        _publish_new(
            Team(
                slug=slug,
                name=name,
                township=townships.get(town),
                speciality=speciality,
                founded_on=founded,
                member_count=members,
                latitude=Decimal(lat),
                longitude=Decimal(lng),
                summary=summary,
                platform_name=name,
                status=status,
                duty_order=order,
            )
        )
    if home is not None:
        ensure_team_index_page(home)
        ensure_screen_page(home)
    return list(Team.objects.filter(slug__in=DUTY_TEAM_SLUGS + [row[0] for row in OTHER_TEAMS]))


def _add_published_child(home, page):
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_team_index_page(home) -> TeamIndexPage:
    existing = TeamIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return _add_published_child(
        home,
        TeamIndexPage(
            title="志愿团队",
            slug="teams",
            show_in_menus=True,
            intro="<p>博罗县共有各类志愿服务组织927个。这里收录在总站登记的志愿服务队伍,"
            "其中7支特色队伍每天轮流到总站值班。按镇街或服务领域找到身边的队伍,加入他们。</p>",
            map_intro="<p>打造“10分钟志愿服务圈”:选择您所在的镇街或使用您的位置,"
            "看看步行或骑行10分钟内有哪些志愿服务队伍。</p>",
            search_description="博罗县志愿服务队伍名录、分布图和附近的队伍。",
        ),
    )


SCREEN_SLIDES = [
    ("notice", {"heading": "奉献、友爱、互助、进步", "text": "弘扬志愿服务精神 · 仁爱博罗、文明之城", "duration": 10}),
    ("duty_teams", {"heading": "每日值班的7支特色志愿服务队伍", "duration": 15}),
    (
        "notice",
        {
            "heading": "5.5万名志愿者 · 927个组织",
            "text": "截至2016年5月底,博罗县实名注册志愿者5.5万余人,志愿服务项目累计1361个",
            "duration": 12,
        },
    ),
    ("panels", {"heading": "近期活动与今日值班", "duration": 20}),
    (
        "notice",
        {
            "heading": "总站便民服务",
            "text": "免费茶水 · 手机应急充电 · 图书阅览 · 资源对接 · 志愿服务咨询 · “志愿云”注册指导",
            "duration": 12,
        },
    ),
    (
        "notice",
        {
            "heading": "10分钟志愿服务圈",
            "text": "扫码或登录“惠州志愿服务网”,找到身边的志愿服务队伍",
            "duration": 10,
        },
    ),
]


def ensure_screen_page(home) -> ScreenPage:
    existing = ScreenPage.objects.child_of(home).first()
    if existing:
        return existing
    poster = demo_image(
        "总站大屏:欢迎海报",
        text="欢迎来到博罗志愿服务总站",
        subtitle="志愿服务,从身边开始",
        colour="#9B0C23",
        size=(1920, 1080),
    )
    slides = [*SCREEN_SLIDES[:1], ("image", {"image": poster, "caption": "总站位于罗阳街道,每天开放", "duration": 8})]
    return _add_published_child(
        home,
        ScreenPage(title="总站大屏", slug="screen", refresh_minutes=5, slides=[*slides, *SCREEN_SLIDES[1:]]),
    )
