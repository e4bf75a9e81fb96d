"""The Chinese texts and tables of the core's demo content (from DOMAIN.md and the 2016 report on the station).

Data only, read by the loaders of this package. Images are named by title and drawn by ``cms.demo.images``; the role
models are invented for the demo. Other plugins' demo data relies on the team slugs: keep them stable.
"""

from datetime import date

from cms import station_facts as facts

SITE_NAME = "博罗志愿服务总站"
ADMIN = {"username": "admin", "email": "admin@example.com", "first_name": "管理员"}

# Townships and sub-districts of Boluo county with approximate centre points.
TOWNSHIPS = [
    {"name": "罗阳街道", "slug": "luoyang", "latitude": "23.173000", "longitude": "114.289000"},
    {"name": "龙溪街道", "slug": "longxi", "latitude": "23.087000", "longitude": "114.092000"},
    {"name": "石湾镇", "slug": "shiwan", "latitude": "23.130000", "longitude": "113.998000"},
    {"name": "园洲镇", "slug": "yuanzhou", "latitude": "23.116000", "longitude": "113.967000"},
    {"name": "福田镇", "slug": "futian", "latitude": "23.265000", "longitude": "114.199000"},
    {"name": "长宁镇", "slug": "changning", "latitude": "23.377000", "longitude": "114.196000"},
    {"name": "湖镇镇", "slug": "huzhen", "latitude": "23.240000", "longitude": "114.338000"},
    {"name": "龙华镇", "slug": "longhua", "latitude": "23.206000", "longitude": "114.215000"},
    {"name": "柏塘镇", "slug": "baitang", "latitude": "23.394000", "longitude": "114.413000"},
    {"name": "杨村镇", "slug": "yangcun", "latitude": "23.452000", "longitude": "114.446000"},
    {"name": "麻陂镇", "slug": "mabei", "latitude": "23.495000", "longitude": "114.309000"},
    {"name": "公庄镇", "slug": "gongzhuang", "latitude": "23.623000", "longitude": "114.402000"},
    {"name": "泰美镇", "slug": "taimei", "latitude": "23.211000", "longitude": "114.133000"},
]

HOME_PAGE = {
    "title": SITE_NAME,
    "slug": "station",
    "hero_title": SITE_NAME,
    "hero_intro": f"<p>志愿服务,从身边开始。总站于{facts.OPENED_ON_TEXT}启用,"
    "为全县志愿者和志愿服务组织提供展示、孵化、培训与交流的平台。</p>",
    "seo_title": SITE_NAME,
    "search_description": "博罗县志愿服务总站:志愿团队、志愿活动、功能室预约与组织孵化。",
}

# The seven featured teams that take turns on duty at the station (值班制), in duty order.
DUTY_TEAMS = [
    {
        "slug": "hongmian",
        "name": "博罗县红棉志愿服务队",
        "township": "luoyang",
        "speciality": "助老助残",
        "uniform_colour": "#C8102E",
        "founded_on": date(2011, 3, 5),
        "member_count": 168,
        "latitude": "23.174800",
        "longitude": "114.287200",
        "contact_name": "陈丽萍",
        "address": "罗阳街道北门路18号",
        "summary": "红棉志愿服务队长期结对县城孤寡老人和残障人士,开展上门探访、代购代办和节日慰问。",
    },
    {
        "slug": "lantian",
        "name": "博罗县蓝天应急救援志愿服务队",
        "township": "luoyang",
        "speciality": "应急救援",
        "uniform_colour": "#1F4E9E",
        "founded_on": date(2013, 7, 20),
        "member_count": 96,
        "latitude": "23.168200",
        "longitude": "114.294500",
        "contact_name": "刘志强",
        "address": "罗阳街道城南路66号",
        "summary": "蓝天应急救援队承担防汛抢险、山地搜救和急救培训,常年在总站开展应急知识普及。",
    },
    {
        "slug": "bowen-shuxiang",
        "name": "博罗县博闻书香志愿服务队",
        "township": "luoyang",
        "speciality": "阅读推广",
        "uniform_colour": "#6A1B9A",
        "founded_on": date(2015, 4, 23),
        "member_count": 72,
        "latitude": "23.179600",
        "longitude": "114.281900",
        "contact_name": "黄晓琳",
        "address": "罗阳街道商业街博闻公益书吧",
        "summary": "书香志愿服务队运营博闻公益书吧,组织亲子共读、图书漂流和社区读书会。",
    },
    {
        "slug": "jiaotong-quandao",
        "name": "博罗县文明交通劝导志愿服务队",
        "township": "luoyang",
        "speciality": "文明交通",
        "uniform_colour": "#F2B705",
        "founded_on": date(2012, 9, 1),
        "member_count": 210,
        "latitude": "23.171300",
        "longitude": "114.296800",
        "contact_name": "张伟明",
        "address": "罗阳街道罗阳一路与观背路交界",
        "summary": "在县城主要路口开展文明交通劝导,上下学高峰护送学生过马路。",
    },
    {
        "slug": "luofushan-lvse",
        "name": "罗浮山绿色环保志愿服务队",
        "township": "changning",
        "speciality": "生态环保",
        "uniform_colour": "#2E7D32",
        "founded_on": date(2010, 6, 5),
        "member_count": 134,
        "latitude": "23.377800",
        "longitude": "114.193600",
        "contact_name": "李国华",
        "address": "长宁镇罗浮山景区游客中心",
        "summary": "守护罗浮山的绿水青山:登山拾废、垃圾分类宣传和护林防火巡查。",
    },
    {
        "slug": "shiwan-qingnian",
        "name": "石湾镇青年志愿服务队",
        "township": "shiwan",
        "speciality": "社区服务",
        "uniform_colour": "#EF6C00",
        "founded_on": date(2014, 5, 4),
        "member_count": 88,
        "latitude": "23.131500",
        "longitude": "113.996100",
        "contact_name": "罗嘉豪",
        "address": "石湾镇永石大道团委青年之家",
        "summary": "青年志愿者走进社区和工业园区,为外来务工人员子女开展四点半课堂。",
    },
    {
        "slug": "yuanzhou-jinguo",
        "name": "园洲镇巾帼志愿服务队",
        "township": "yuanzhou",
        "speciality": "妇女儿童关爱",
        "uniform_colour": "#D81B60",
        "founded_on": date(2013, 3, 8),
        "member_count": 65,
        "latitude": "23.117200",
        "longitude": "113.965400",
        "contact_name": "钟美玲",
        "address": "园洲镇妇女儿童活动中心",
        "summary": "巾帼志愿者关爱留守儿童和困境妇女,开展家庭教育讲座和心理疏导。",
    },
]
# Other listed teams (not on the duty rota); ``status`` is a ``Team.Status`` value.
OTHER_TEAMS = [
    {
        "slug": "longxi-aixin",
        "name": "龙溪街道爱心义工队",
        "township": "longxi",
        "speciality": "社区服务",
        "founded_on": date(2016, 1, 10),
        "member_count": 45,
        "latitude": "23.088100",
        "longitude": "114.090300",
        "status": "active",
        "summary": "在龙溪各社区开展义剪、家电义修和邻里互助。",
    },
    {
        "slug": "futian-xiangcun",
        "name": "福田镇乡村振兴志愿服务队",
        "township": "futian",
        "speciality": "乡村振兴",
        "founded_on": date(2018, 10, 17),
        "member_count": 38,
        "latitude": "23.266200",
        "longitude": "114.201100",
        "status": "active",
        "summary": "助力农产品直播带货和美丽乡村建设。",
    },
    {
        "slug": "huzhen-liushou",
        "name": "湖镇镇关爱留守儿童志愿服务队",
        "township": "huzhen",
        "speciality": "助学",
        "founded_on": date(2015, 6, 1),
        "member_count": 52,
        "latitude": "23.241300",
        "longitude": "114.336200",
        "status": "active",
        "summary": "周末陪伴留守儿童学习和游戏,组织暑期夏令营。",
    },
    {
        "slug": "longhua-yiliao",
        "name": "龙华镇医疗健康志愿服务队",
        "township": "longhua",
        "speciality": "医疗健康",
        "founded_on": date(2014, 11, 9),
        "member_count": 41,
        "latitude": "23.205100",
        "longitude": "114.216900",
        "status": "active",
        "summary": "镇卫生院医护人员组成,定期下村义诊和健康讲座。",
    },
    {
        "slug": "baitang-chaxiang",
        "name": "柏塘镇茶乡文化志愿服务队",
        "township": "baitang",
        "speciality": "文化传承",
        "founded_on": date(2017, 4, 15),
        "member_count": 29,
        "latitude": "23.395200",
        "longitude": "114.411800",
        "status": "active",
        "summary": "传承柏塘山茶文化,开展非遗展演和文化进村活动。",
    },
    {
        "slug": "xiaolanqiu",
        "name": "“小篮球、大梦想”助学志愿服务队",
        "township": "luoyang",
        "speciality": "助学",
        "founded_on": date(2015, 9, 10),
        "member_count": 36,
        "latitude": "23.183900",
        "longitude": "114.300200",
        "status": "active",
        "summary": "为山区学校捐赠篮球器材并开展篮球公益训练营。",
    },
    {
        "slug": "yangcun-huhe",
        "name": "杨村镇护河志愿服务队",
        "township": "yangcun",
        "speciality": "生态环保",
        "founded_on": date(2019, 3, 22),
        "member_count": 24,
        "latitude": "23.451100",
        "longitude": "114.447700",
        "status": "inactive",
        "summary": "巡护东江支流,清理河道垃圾。",
    },
    {
        "slug": "taimei-linli",
        "name": "泰美镇邻里守望志愿服务队",
        "township": "taimei",
        "speciality": "社区服务",
        "founded_on": date(2026, 5, 1),
        "member_count": 12,
        "latitude": "23.212300",
        "longitude": "114.134100",
        "status": "incubating",
        "summary": "新成立的志愿服务组织,正在总站志愿客厅接受孵化指导。",
    },
]

TEAM_INDEX_PAGE = {
    "title": "志愿团队",
    "slug": "teams",
    "show_in_menus": True,
    "intro": f"<p>博罗县共有各类志愿服务组织{facts.ORGANISATIONS}个。这里收录在总站登记的志愿服务队伍,"
    f"其中{facts.FEATURED_TEAMS}支特色队伍每天轮流到总站值班。按镇街或服务领域找到身边的队伍,加入他们。</p>",
    "map_intro": "<p>打造“10分钟志愿服务圈”:选择您所在的镇街或使用您的位置,"
    "看看步行或骑行10分钟内有哪些志愿服务队伍。</p>",
    "search_description": "博罗县志愿服务队伍名录、分布图和附近的队伍。",
}

SCREEN_PAGE = {"title": "总站大屏", "slug": "screen", "refresh_minutes": 5}
# The welcome poster, shown as the second slide.
SCREEN_POSTER = {
    "title": "总站大屏:欢迎海报",
    "text": "欢迎来到博罗志愿服务总站",
    "subtitle": "志愿服务,从身边开始",
    "colour": "#9B0C23",
    "size": (1920, 1080),
}
SCREEN_POSTER_SLIDE = {"caption": "总站位于罗阳街道,每天开放", "duration": 8}

SCREEN_SLIDES = [
    ("notice", {"heading": "奉献、友爱、互助、进步", "text": "弘扬志愿服务精神 · 仁爱博罗、文明之城", "duration": 10}),
    ("duty_teams", {"heading": f"每日值班的{facts.FEATURED_TEAMS}支特色志愿服务队伍", "duration": 15}),
    (
        "notice",
        {
            "heading": f"{facts.VOLUNTEERS_TEXT}名志愿者 · {facts.ORGANISATIONS}个组织",
            "text": f"{facts.FIGURES_NOTE},博罗县实名注册志愿者{facts.VOLUNTEERS_TEXT}余人,志愿服务项目累计{facts.PROJECTS}个",
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

PREFACE = (
    "<p>志愿服务是培育和践行社会主义核心价值观的有力抓手,是现代社会进步和城市精神文明创建的有效途径。"
    "近年来,博罗县大力弘扬“奉献、友爱、互助、进步”的志愿服务精神,加强志愿服务阵地建设,广泛传播志愿服务理念。</p>"
    "<p>围绕惠州市创设的“一网、一微、一云、一室、一校、一报、一卡、一站”“八个一”志愿服务平台,"
    "博罗县落成启动了“博罗志愿服务总站”,有效促进供需对接,形成我为人人、人人为我的社会氛围。</p>"
)

# (slug, title, summary, blocks); images are named by title and drawn by cms.demo.images.
HALL_SECTIONS = [
    (
        "preface",
        "前言",
        f"总站于{facts.OPENED_ON_TEXT}落成启动,总面积{facts.FLOOR_AREA_M2}平方米,是博罗县志愿服务的展示、孵化、培训与交流阵地。",
        [
            ("paragraph", PREFACE),
            ("figures", facts.figures_block_value()),
            (
                "timeline",
                {
                    "heading": "大事记",
                    "events": [
                        {
                            "when": facts.OPENED_ON_TEXT,
                            "title": "博罗志愿服务总站落成启动",
                            "text": "内设展示厅、志愿客厅(三合一功能室)和博罗县志愿服务联合会办公室。",
                        },
                        {
                            "when": "2015年",
                            "title": "启动第一批公益项目",
                            "text": "志愿服务总站、志愿服务亭、博闻公益书吧、“小篮球、大梦想”助学公益项目。",
                        },
                        {
                            "when": facts.FIGURES_MONTH,
                            "title": f"实名注册志愿者超过{facts.VOLUNTEERS_TEXT}人",
                            "text": f"各类志愿服务组织{facts.ORGANISATIONS}个,志愿服务项目累计{facts.PROJECTS}个。",
                        },
                        {
                            "when": "2016年",
                            "title": "计划启动第二批公益项目",
                            "text": "博罗县城博闻公益书吧、社区市民教育课堂交流、博罗第一批好人工作室。",
                        },
                    ],
                },
            ),
            ("quote", {"text": "奉献、友爱、互助、进步", "attribution": "志愿服务精神"}),
        ],
    ),
    (
        "federation-structure",
        "博罗县志愿服务联合会组织架构",
        "博罗县志愿服务联合会统筹全县志愿服务组织,办公室设在总站。",
        [
            (
                "paragraph",
                "<p>博罗县志愿服务联合会在县文明办指导下开展工作,负责全县志愿者招募注册、培训管理、服务计时和志愿服务组织的孵化指导。</p>",
            ),
            (
                "org_chart",
                {
                    "heading": "联合会组织架构",
                    "top": "会员代表大会",
                    "top_note": "理事会 · 常务理事会",
                    "units": [
                        {"name": "秘书处", "lead": "秘书长", "members": ["办公室", "财务与档案"]},
                        {"name": "队伍建设部", "lead": "", "members": ["注册与“四个同步”", "队伍孵化"]},
                        {"name": "项目策划部", "lead": "", "members": ["公益项目", "资源对接"]},
                        {"name": "培训交流部", "lead": "", "members": ["志愿者学校", "经验分享"]},
                        {"name": "宣传部", "lead": "", "members": ["网站与微信", "总站大屏"]},
                    ],
                },
            ),
        ],
    ),
    (
        "federation-charter",
        "博罗县志愿服务联合会章程",
        "联合会的宗旨、会员权利义务和组织制度,可在线阅读和下载。",
        [
            (
                "paragraph",
                "<p>联合会以弘扬志愿服务精神、推动志愿服务制度化为宗旨,认真贯彻落实中央文明委《关于推进志愿服务制度化的意见》。章程全文可下载。</p>",
            ),
            (
                "documents",
                {
                    "heading": "章程下载",
                    "title": "博罗县志愿服务联合会章程(示例)",
                    "description": "PDF,演示文件",
                    "lines": [
                        "第一章 总则",
                        "第一条 本会名称为博罗县志愿服务联合会。",
                        "第二条 本会宗旨:弘扬“奉献、友爱、互助、进步”的志愿服务精神。",
                        "第二章 业务范围",
                        "第三条 志愿者招募注册、培训管理、服务计时;",
                        "        志愿服务组织的孵化、培训与交流。",
                        "(演示文件)",
                    ],
                },
            ),
        ],
    ),
    (
        "team-map",
        "博罗县志愿团队分布图",
        "全县各镇街的志愿服务队伍分布,目标是打造“10分钟志愿服务圈”。",
        [
            (
                "paragraph",
                "<p>志愿服务队伍遍布全县各镇街。分布图标出每支队伍的位置,市民可以找到离自己最近的队伍,十分钟内就能参与或接受志愿服务。</p>",
            ),
            ("link", {"text": "查看志愿团队分布图"}),
        ],
    ),
    (
        "teams",
        "志愿团队",
        f"每天有来自{facts.FEATURED_TEAMS}支特色志愿服务队伍的志愿者在总站轮流值班。",
        [
            (
                "paragraph",
                f"<p>总站建立值班制,每天有来自博罗{facts.FEATURED_TEAMS}支特色志愿服务队伍的志愿者轮流值班。值班志愿者穿着所在队伍的特色志愿服装,"
                "为来访群众提供免费茶水、手机应急充电、图书阅览、资源对接、志愿服务信息咨询等便民服务,以及现场“志愿云”网上操作指导。</p>",
            ),
            ("link", {"text": "浏览全部志愿团队"}),
        ],
    ),
    (
        "volunteer-etiquette",
        "志愿友礼",
        "志愿者之间、志愿者与服务对象之间的礼仪与约定。",
        [
            (
                "paragraph",
                "<p>微笑服务、文明用语、守时守信、尊重服务对象的意愿和隐私。值班志愿者主动问候来访市民,耐心解答咨询。</p>",
            ),
            ("quote", {"text": "我为人人,人人为我。", "attribution": "志愿服务理念"}),
        ],
    ),
    (
        "volunteer-image",
        "志愿形象",
        "统一的志愿者标识与各队伍的特色服装。",
        [
            ("paragraph", "<p>值班志愿者穿着所在队伍的特色志愿服装,在服务的同时宣传本队伍的特色。</p>"),
            (
                "gallery",
                {
                    "heading": "特色志愿服装",
                    "images": [("队服:红", "红色队服"), ("队服:蓝", "蓝色队服"), ("队服:绿", "绿色队服")],
                },
            ),
        ],
    ),
    (
        "role-models",
        "志愿榜样",
        "身边的志愿者榜样,用行动诠释“奉献、友爱、互助、进步”。",
        [("role_models", {"heading": "", "limit": 12})],
    ),
    (
        "key-projects",
        "重点项目展示",
        "第一批和第二批公益项目,让市民了解、关注和参与公益。",
        [
            (
                "paragraph",
                "<p>去年在总站启动了第一批公益项目;第二批公益项目将陆续启动,把总站打造成博罗公益项目的宣传阵地。</p>",
            ),
            ("projects", {"heading": "第一批公益项目", "batch": 1}),
            ("projects", {"heading": "第二批公益项目", "batch": 2}),
        ],
    ),
    (
        "volunteers-in-action",
        "志愿者风采",
        "记录博罗志愿者的服务足迹:值班、助学、应急、环保……",
        [
            (
                "gallery",
                {
                    "heading": "总站值班",
                    "images": [
                        ("风采:值班台", "值班台便民服务"),
                        ("风采:志愿云", "现场“志愿云”注册指导"),
                        ("风采:书吧", "图书阅览角"),
                    ],
                },
            ),
            (
                "gallery",
                {
                    "heading": "走进社区",
                    "images": [
                        ("风采:助老", "上门探访长者"),
                        ("风采:助学", "“小篮球、大梦想”训练"),
                        ("风采:环保", "东江河岸清洁"),
                    ],
                },
            ),
        ],
    ),
    (
        "core-values",
        "社会主义核心价值观",
        "富强、民主、文明、和谐,自由、平等、公正、法治,爱国、敬业、诚信、友善。",
        [
            ("paragraph", "<p>志愿服务是培育和践行社会主义核心价值观的有力抓手。</p>"),
            (
                "quote",
                {
                    "text": "富强、民主、文明、和谐\n自由、平等、公正、法治\n爱国、敬业、诚信、友善",
                    "attribution": "社会主义核心价值观",
                },
            ),
        ],
    ),
    (
        "chinese-dream",
        "中国梦",
        "人人参与志愿服务,共建“仁爱博罗、文明之城”。",
        [
            ("paragraph", "<p>营造“仁爱博罗、文明之城”的社会理念,让志愿服务成为每个人实现梦想、服务他人的方式。</p>"),
            ("image", {"image": "展示厅:中国梦", "caption": "中国梦 · 志愿梦", "credit": ""}),
        ],
    ),
]

ROLE_MODELS = [
    {
        "slug": "li-xiujuan",
        "name": "李秀娟",
        "honour": "博罗好人",
        "year": 2015,
        "hours": 2160,
        "team": "hongmian",
        "quote": "陪伴是最长情的志愿服务。",
        "story": "<p>十年如一日结对照顾县城孤寡老人,每周上门探访、代购代办。</p>",
    },
    {
        "slug": "huang-weiming",
        "name": "黄伟明",
        "honour": "五星级志愿者",
        "year": 2016,
        "hours": 1580,
        "team": "lantian",
        "quote": "哪里需要,就到哪里去。",
        "story": "<p>参与防汛抢险和山地搜救二十余次,常年在总站开展急救培训。</p>",
    },
    {
        "slug": "zhang-xiaoyan",
        "name": "张晓燕",
        "honour": "优秀值班志愿者",
        "year": 2016,
        "hours": 860,
        "team": "",
        "quote": "一杯茶、一本书,让总站像家一样温暖。",
        "story": "<p>博闻公益书吧的第一批志愿者,负责图书整理和周末亲子阅读。</p>",
    },
    {
        "slug": "deng-guoqiang",
        "name": "邓国强",
        "honour": "助学之星",
        "year": 2015,
        "hours": 940,
        "team": "",
        "quote": "小篮球,也能托起大梦想。",
        "story": "<p>发起“小篮球、大梦想”助学公益项目,带领山区孩子训练和比赛。</p>",
    },
]

PROJECTS = [
    {
        "slug": "station",
        "title": "志愿服务总站",
        "short": "志愿服务总站",
        "batch": 1,
        "status": "running",
        "launched_on": facts.OPENED_ON,
        "summary": f"{facts.FLOOR_AREA_M2}平方米的志愿服务阵地:展示厅、志愿客厅和联合会办公室,每天有特色队伍值班。",
        "body": "<p>总站内设志愿服务展示厅、志愿客厅(三合一功能室)、博罗县志愿服务联合会办公室,为市民提供一站式志愿服务。</p>",
    },
    {
        "slug": "kiosks",
        "title": "志愿服务亭",
        "short": "志愿服务亭",
        "batch": 1,
        "status": "running",
        "launched_on": facts.OPENED_ON,
        "summary": "设在街头的志愿服务亭,为市民提供咨询、指路和应急帮助。",
        "body": "<p>志愿服务亭把志愿服务送到市民身边,是“10分钟志愿服务圈”的重要节点。</p>",
    },
    {
        "slug": "bowen-reading-bar",
        "title": "博闻公益书吧",
        "short": "博闻公益书吧",
        "batch": 1,
        "status": "running",
        "launched_on": facts.OPENED_ON,
        "summary": "免费开放的公益书吧,志愿者管理图书并组织阅读活动。",
        "body": "<p>博闻公益书吧由志愿者管理,市民可免费阅读、借还图书,周末举办亲子阅读活动。</p>",
    },
    {
        "slug": "small-basketball-big-dream",
        "title": "“小篮球、大梦想”助学公益项目",
        "short": "小篮球、大梦想",
        "batch": 1,
        "status": "running",
        "launched_on": facts.OPENED_ON,
        "summary": "以篮球训练为纽带的助学公益项目,帮助农村孩子成长。",
        "body": "<p>志愿教练定期到乡村学校开展篮球训练,并为困难学生提供助学帮扶。</p>",
    },
    {
        "slug": "county-bowen-reading-bar",
        "title": "博罗县城博闻公益书吧",
        "short": "县城博闻书吧",
        "batch": 2,
        "status": "planned",
        "summary": "在县城新设一处博闻公益书吧,扩大公益阅读的覆盖面。",
        "body": "<p>第二批公益项目之一,计划在县城新设博闻公益书吧。</p>",
    },
    {
        "slug": "community-civic-classes",
        "title": "社区市民教育课堂交流",
        "short": "市民教育课堂",
        "batch": 2,
        "status": "planned",
        "summary": "走进社区的市民教育课堂,普及志愿服务、安全和文明知识。",
        "body": "<p>第二批公益项目之一,由志愿者在社区开设市民教育课堂。</p>",
    },
    {
        "slug": "good-people-studios",
        "title": "博罗第一批好人工作室",
        "short": "好人工作室",
        "batch": 2,
        "status": "planned",
        "summary": "以“博罗好人”命名的工作室,发挥榜样的示范带动作用。",
        "body": "<p>第二批公益项目之一,建立博罗第一批好人工作室。</p>",
    },
]

NEWS = [
    {
        "slug": "eight-ones-platform",
        "title": "博罗县搭建“八个一”志愿服务平台",
        "short": "“八个一”志愿服务平台",
        "date": date(2016, 7, 20),
        "author": "中国公益新闻网",
        "tags": ["八个一", "总站"],
        "intro": "围绕“一网、一微、一云、一室、一校、一报、一卡、一站”,博罗县落成启动博罗志愿服务总站。",
        "body": [
            PREFACE,
            f"<p>{facts.FIGURES_NOTE},博罗县共有实名注册志愿者{facts.VOLUNTEERS_TEXT}余人,"
            f"各类志愿服务组织{facts.ORGANISATIONS}个,志愿服务项目累计达{facts.PROJECTS}个。</p>",
        ],
    },
    {
        "slug": "second-batch-projects",
        "title": "第二批公益项目即将启动",
        "short": "第二批公益项目",
        "date": date(2016, 7, 1),
        "author": "博罗县志愿服务联合会",
        "tags": ["公益项目"],
        "intro": "博罗县城博闻公益书吧、社区市民教育课堂交流、博罗第一批好人工作室将陆续启动。",
        "body": [
            "<p>下个月将计划启动第二批公益项目,包括博罗县城博闻公益书吧、社区市民教育课堂交流、博罗第一批好人工作室等。</p>"
        ],
    },
    {
        "slug": "activity-board",
        "title": "总站“活动资讯”宣传栏每月公布活动预告",
        "short": "活动资讯",
        "date": date(2016, 6, 1),
        "author": "博罗县志愿服务联合会",
        "tags": ["总站", "活动"],
        "intro": "值班台窗口的“活动资讯”宣传栏每月公布各志愿服务组织的活动预告。",
        "body": ["<p>市民可以提前了解身边的志愿服务活动,合理安排时间参与服务或接受服务。</p>"],
    },
    {
        "slug": "duty-desk",
        "title": "七支特色队伍轮流值班 总站便民服务受欢迎",
        "short": "总站值班",
        "date": date(2016, 3, 5),
        "author": "博罗县志愿服务联合会",
        "tags": ["值班", "总站"],
        "intro": "免费茶水、手机应急充电、图书阅览、资源对接,值班志愿者还现场指导市民网上注册。",
        "body": [
            f"<p>总站每天有来自博罗{facts.FEATURED_TEAMS}支特色志愿服务队伍的志愿者轮流值班,为来访群众提供便民服务。</p>"
        ],
    },
    {
        "slug": "station-opens",
        "title": "博罗志愿服务总站落成启动",
        "short": "总站落成启动",
        "date": facts.OPENED_ON,
        "author": "博罗县文明办",
        "tags": ["总站"],
        "intro": f"总站总面积{facts.FLOOR_AREA_M2}平方米,内设展示厅、志愿客厅和博罗县志愿服务联合会办公室。",
        "body": [f"<p>{facts.OPENED_ON_TEXT},博罗志愿服务总站落成启动。</p>"],
    },
]

# The showroom's index pages and what the home page shows of it.
HALL_PAGE = {
    "title": "展示厅",
    "slug": "hall",
    "show_in_menus": True,
    "intro": "<p>总站展示厅由十二个部分构成,图文并茂地展示博罗县广大志愿者的服务足迹和风采。</p>",
    "search_description": "博罗志愿服务总站展示厅:前言、组织架构、章程、团队分布图、志愿榜样、重点项目、志愿者风采等十二个部分。",
}
HALL_COVER = {"title": "展示厅封面", "text": "志愿服务展示厅", "subtitle": "博罗志愿服务总站"}
SHORT_TITLES = {  # what fits on a section's cover card
    "federation-structure": "组织架构",
    "federation-charter": "联合会章程",
    "team-map": "团队分布图",
    "core-values": "核心价值观",
}
FEATURED_SECTIONS = ["preface", "role-models", "key-projects", "volunteers-in-action"]

PROJECT_INDEX_PAGE = {
    "title": "公益项目",
    "slug": "projects",
    "show_in_menus": True,
    "intro": "<p>总站分批启动公益项目,把总站建成博罗公益项目的宣传阵地。</p>",
    "search_description": "博罗志愿服务总站分批启动的公益项目:志愿服务亭、博闻公益书吧、“小篮球、大梦想”助学项目等。",
}
BATCH_LABELS = {1: "第一批公益项目", 2: "第二批公益项目"}

NEWS_INDEX_PAGE = {
    "title": "志愿服务动态",
    "slug": "news",
    "show_in_menus": True,
    "intro": "<p>总站和各志愿服务组织的最新动态。</p>",
    "search_description": "博罗志愿服务总站新闻:志愿服务动态、公益项目进展和活动回顾。",
}
# News goes through this workflow: approval by the Moderators group before it is published.
NEWS_WORKFLOW = {"name": "新闻审核", "task": "宣传负责人审核", "group": "Moderators"}

HOME_HERO_IMAGE = {
    "title": "首页横幅",
    "text": "",
    "colour": "#9B0C23",
    "size": (1600, 700),
}  # the hero text goes on top
HOME_FIGURES = facts.FIGURES
HOME_FIGURES_NOTE = f"数据{facts.FIGURES_NOTE}"

STATION_SETTINGS = {
    "address": "博罗县罗阳街道博罗志愿服务总站(县城中心)",
    "opening_hours": "每天 9:00–17:00,值班志愿者在岗",
    "phone": "0752-6100000",
    "wechat_account": "文明博罗",
    "weibo_url": "https://weibo.com/",
    "websites": [
        ("link", {"title": "惠州文明网", "url": "http://hz.wenming.cn/"}),
        ("link", {"title": "中国文明网", "url": "http://www.wenming.cn/"}),
    ],
    "footer_text": "<p>博罗志愿服务总站 · 博罗县志愿服务联合会 · 奉献、友爱、互助、进步</p>",
}
WECHAT_QR = {"title": "“文明博罗”公众号二维码", "url": "http://hz.wenming.cn/"}

# Library titles of the images drawn for pages and role models (``{}``: the page's or the person's title); the cards of
# the hall's sections say where they belong, those of news their month.
IMAGE_TITLES = {"role_model": "榜样:{}", "project": "项目:{}", "section": "展示厅:{}", "news": "新闻:{}"}
SECTION_CARD_SUBTITLE = "展示厅"
