"""The Chinese texts and tables of the events plugin's demo content: the function room, its usual week, the
activity board's categories and activities, and the fallback duty teams. Data only, read by the loaders of this package.

Days are offsets from the day of the first run; team slugs are those of the core's demo teams.
"""

from datetime import time

# The station's 志愿客厅 (三合一功能室).
ROOM_SLUG = "living-room"
WEEKDAY_HOURS = [(time(8, 30), time(12)), (time(14), time(17, 30))]
EVENING = (time(19), time(21))
SATURDAY_HOURS = [(time(9), time(12)), (time(14), time(17))]

# (weekday, start, end, purpose, title) — the room's usual week.
WEEK_PLAN = [
    (0, time(9), time(11), "training", "志愿服务通用知识培训"),
    (1, time(14, 30), time(16, 30), "incubation", "新组织孵化辅导:队伍建设"),
    (1, time(19), time(20, 30), "training", "新志愿者岗前培训"),
    (2, time(9, 30), time(11, 30), "exchange", "志愿团队负责人交流会"),
    (2, time(14, 30), time(16, 30), "incubation", "新组织孵化辅导:项目策划"),
    (3, time(15), time(17), "training", "应急救护知识培训"),
    (3, time(19), time(21), "exchange", "“小篮球、大梦想”项目志愿者分享会"),
    (4, time(9), time(11, 30), "incubation", "公益项目资金申报辅导"),
    (5, time(9, 30), time(11, 30), "exchange", "志愿服务经验交流会"),
    (5, time(14, 30), time(16, 30), "training", "博闻公益书吧志愿者培训"),
]
# Who books the room when there are no demo teams to book it.
FALLBACK_ORGANISERS = ["博罗县志愿服务联合会", "罗阳街道志愿服务队", "博罗县青年志愿者协会", "博闻公益书吧"]
ROOM = {
    "name": "志愿客厅(三合一功能室)",
    "location": "博罗志愿服务总站",
    "description": "集孵化、培训、交流于一体的三合一功能室,配有投影仪和红外技术电子白板,"
    "供志愿服务组织开展队伍建设、项目策划、志愿者培训和经验交流。",
    "capacity": 40,
    "buffer_minutes": 15,
    "min_duration_minutes": 30,
    "max_duration_minutes": 240,
    "min_notice_hours": 24,
    "horizon_days": 60,
    "request_expiry_hours": 48,
}
EQUIPMENT = [("投影仪", "projector"), ("红外技术电子白板", "whiteboard"), ("无线话筒", "microphone")]
NEW_YEAR_CLOSURE = "元旦假期"
MAINTENANCE_CLOSURE = "设备年度检修"
# The contact on every demo booking (the two names take turns).
BOOKING_CONTACT = {"contact_phone": "0752-6123456", "contact_email": "demo-booking@example.com"}
BOOKING_CONTACT_NAMES = ["陈志明", "刘晓云"]

# The activity board.
BOARD_PAGE = {
    "title": "活动资讯",
    "slug": "activities",
    "intro": "<p>每月公布全县各志愿服务组织即将开展的活动,市民可以提前安排参加或接受服务。报名请通过市志愿服务平台。</p>",
    "search_description": "博罗县志愿服务组织每月活动资讯、值班安排与日历订阅。",
}
SIGNUP_TEXT = "在市志愿服务平台(志愿云)搜索活动名称报名,或到总站值班台现场登记。"
BODY = "<p>{summary}</p><p>请穿着志愿者服装,提前十分钟到达集合地点签到。</p>"

CATEGORIES = [
    ("助老", "zhulao", "#C8102E"),
    ("环保", "huanbao", "#2E7D32"),
    ("助学", "zhuxue", "#1565C0"),
    ("文明交通", "wenming-jiaotong", "#EF6C00"),
    ("社区服务", "shequ-fuwu", "#6A1B9A"),
    ("应急救援", "yingji-jiuyuan", "#00838F"),
    ("阅读推广", "yuedu-tuiguang", "#5D4037"),
]

# (slug, title, category, team, day offset from today, start, end (None: all day), place, volunteers, summary)
ACTIVITIES = [
    (
        "jingdong-tanfang",
        "重阳敬老上门探访",
        "zhulao",
        "hongmian",
        -12,
        "09:00",
        "11:30",
        "罗阳街道北门社区",
        20,
        "走访社区独居老人,送上慰问品,帮忙打扫卫生。",
    ),
    (
        "luofushan-jingshan",
        "罗浮山净山行动",
        "huanbao",
        "luofushan-lvse",
        -10,
        "08:30",
        "12:00",
        "罗浮山景区东门集合",
        40,
        "沿登山步道捡拾垃圾,宣传无痕山林理念。",
    ),
    (
        "jiaotong-quandao-xuexiao",
        "校门口文明交通劝导",
        "wenming-jiaotong",
        "jiaotong-quandao",
        -8,
        "07:20",
        "08:20",
        "博罗县实验小学门口",
        12,
        "上学高峰时段劝导家长车辆有序停放,护送学生过马路。",
    ),
    (
        "yingji-peixun",
        "家庭应急急救知识培训",
        "yingji-jiuyuan",
        "lantian",
        -6,
        "14:30",
        "16:30",
        "",
        10,
        "心肺复苏和海姆立克急救法现场教学,免费发放急救手册。",
    ),
    (
        "qinzi-gongdu",
        "周末亲子共读会",
        "yuedu-tuiguang",
        "bowen-shuxiang",
        -4,
        "15:00",
        "16:30",
        "博闻公益书吧",
        6,
        "志愿者带领孩子和家长共读绘本,分享阅读心得。",
    ),
    (
        "jiaxiang-qingjie",
        "社区环境大扫除",
        "huanbao",
        "shiwan-qingnian",
        -3,
        "08:00",
        "10:30",
        "石湾镇中心市场周边",
        30,
        "清理卫生死角,倡导垃圾分类。",
    ),
    (
        "jinguo-shougong",
        "巾帼手工坊:编织义卖",
        "shequ-fuwu",
        "yuanzhou-jinguo",
        -1,
        "19:00",
        "21:00",
        "园洲镇妇女儿童活动中心",
        15,
        "编织手工义卖,所得款项用于资助困难家庭。",
    ),
    (
        "yiliao-yizhen",
        "健康义诊进乡村",
        "shequ-fuwu",
        "longhua-yiliao",
        1,
        "08:30",
        "11:30",
        "龙华镇旭日村文化室",
        18,
        "量血压、测血糖、健康咨询,为村民建立简易健康档案。",
    ),
    (
        "liushou-ertong-fudao",
        "留守儿童周末课业辅导",
        "zhuxue",
        "huzhen-liushou",
        2,
        "09:00",
        "11:00",
        "湖镇镇中心小学",
        10,
        "大学生志愿者一对一辅导作业,陪伴留守儿童。",
    ),
    (
        "zhiyuanzhe-peixun",
        "新志愿者上岗培训",
        "shequ-fuwu",
        "hongmian",
        3,
        "14:00",
        "17:00",
        "",
        40,
        "志愿服务礼仪、“志愿云”注册和服务时长记录操作指导。",
    ),
    (
        "xiaolanqiu-xunlian",
        "“小篮球、大梦想”公益训练营",
        "zhuxue",
        "xiaolanqiu",
        5,
        "16:00",
        "18:00",
        "罗阳街道青少年活动中心篮球场",
        8,
        "为山区学校的孩子开展篮球基础训练。",
    ),
    (
        "huhe-xunhe",
        "东江支流护河巡河",
        "huanbao",
        "yangcun-huhe",
        6,
        "08:00",
        "11:00",
        "杨村镇码头",
        25,
        "沿河巡查排污口,清理河面漂浮物。",
    ),
    (
        "jiaotong-xuanchuan-ri",
        "文明交通宣传日",
        "wenming-jiaotong",
        "jiaotong-quandao",
        8,
        None,
        None,
        "罗阳街道各主要路口",
        60,
        "全天在主要路口开展“一盔一带”宣传和文明过马路劝导。",
    ),
    (
        "chaxiang-wenhua",
        "茶乡文化进社区",
        "shequ-fuwu",
        "baitang-chaxiang",
        9,
        "15:00",
        "17:00",
        "柏塘镇文化广场",
        12,
        "茶艺展示与茶文化讲解,为居民免费奉茶。",
    ),
    (
        "linli-shouwang",
        "邻里守望安全巡查",
        "shequ-fuwu",
        "taimei-linli",
        11,
        "19:30",
        "21:00",
        "泰美镇泰美村",
        16,
        "夜间巡查村内消防通道和用电安全。",
    ),
    (
        "fangzha-xuanchuan",
        "防诈骗宣传进市场",
        "shequ-fuwu",
        "longxi-aixin",
        13,
        "09:00",
        "11:00",
        "龙溪街道农贸市场",
        14,
        "发放反诈宣传资料,帮助中老年人安装反诈App。",
    ),
    (
        "xiangcun-zhenxing",
        "乡村振兴农产品助销",
        "shequ-fuwu",
        "futian-xiangcun",
        15,
        "09:00",
        "12:00",
        "福田镇圩镇",
        20,
        "帮助农户直播带货、包装农产品。",
    ),
    (
        "shuxiang-dushuhui",
        "博闻书吧读书会",
        "yuedu-tuiguang",
        "bowen-shuxiang",
        18,
        "19:00",
        "20:30",
        "博闻公益书吧",
        5,
        "本期共读《乡土中国》,欢迎市民参加。",
    ),
    (
        "fangxun-yanlian",
        "防汛应急救援演练",
        "yingji-jiuyuan",
        "lantian",
        20,
        "09:00",
        "12:00",
        "罗阳街道东江堤岸",
        30,
        "联合社区开展防汛抢险和水上救援演练。",
    ),
    (
        "zhulao-lifa",
        "长者义剪",
        "zhulao",
        "yuanzhou-jinguo",
        22,
        "09:00",
        "11:30",
        "园洲镇敬老院",
        10,
        "为敬老院老人免费理发、修剪指甲。",
    ),
    (
        "jiaoliu-hui",
        "志愿服务组织交流会",
        "shequ-fuwu",
        "longxi-aixin",
        25,
        "14:30",
        "16:30",
        "",
        30,
        "成熟组织分享项目策划和队伍建设经验。",
    ),
]

# One activity is cancelled, with a note for the board.
CANCELLED_ACTIVITY = (
    "huanbao-jiangzuo",
    "垃圾分类知识讲座",
    "huanbao",
    "luofushan-lvse",
    4,
    "10:00",
    "11:30",
    "",
    30,
    "讲解垃圾分类标准,现场互动答题。",
)
CANCELLED_NOTE = "因台风预警取消,另行通知。"

# A weekly series from the Wednesday two weeks ago, for ten weeks (its offset is set by the loader);
# one occurrence skipped, one moved.
WEEKLY_ACTIVITY = (
    "zhangzhe-fantang",
    "长者饭堂助餐服务",
    "zhulao",
    "hongmian",
    None,
    "10:30",
    "12:30",
    "罗阳街道长者饭堂",
    8,
    "每周三为社区长者分餐、送餐上门,陪老人聊天。",
)
WEEKLY_SKIPPED_NOTE = "长者饭堂检修暂停一次"
WEEKLY_MOVED_NOTE = "本周改到周四"

# The core's demo adds the seven featured duty teams; on a database without them, these make a minimal rota.
FALLBACK_DUTY_TEAMS = [("hongmian", "博罗县红棉志愿服务队"), ("lantian", "博罗县蓝天应急救援志愿服务队")]
