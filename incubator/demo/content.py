"""The Chinese texts and tables of the incubator's demo content: staff, and applications in every state.

Data only, read by ``incubator.demo.applications``. Township slugs are those of the core's demo.
"""

from decimal import Decimal

from incubator.models import FieldOfService, Support
from incubator.workflow import COORDINATORS_GROUP, MENTORS_GROUP

# Chinese names are kept whole in first_name: Django's get_full_name() would put a surname last.
STAFF = [
    ("incubator-coordinator", "李敏", COORDINATORS_GROUP),
    ("mentor-chen", "陈志强", MENTORS_GROUP),
    ("mentor-huang", "黄丽华", MENTORS_GROUP),
]

# organisation, township slug, field, founder, members, introduction, projects, support, path through the workflow
APPLICATIONS = [
    (
        "石湾镇“银龄互助”志愿服务队",
        "shiwan",
        FieldOfService.ELDERLY,
        "张桂芳",
        15,
        "由石湾镇退休教师和社区党员发起,关爱辖区独居和空巢老人。",
        "每周两次上门探访独居老人;每月一次健康讲座;重阳节敬老活动。",
        [Support.TEAM_BUILDING, Support.PROJECT_PLANNING],
        [],
    ),
    (
        "长宁镇“清水长宁”护河志愿队",
        "changning",
        FieldOfService.ENVIRONMENT,
        "刘建华",
        22,
        "长宁镇沿河村民自发组织的巡河护河队伍,已坚持巡河半年。",
        "每周末沿河捡拾垃圾;每季度开展一次水质科普进校园。",
        [Support.TEAM_BUILDING, Support.FUNDING],
        ["assign"],
    ),
    (
        "园洲镇“小候鸟”助学志愿队",
        "yuanzhou",
        FieldOfService.EDUCATION,
        "何晓燕",
        18,
        "园洲镇青年教师为随迁务工人员子女开展课后辅导。",
        "暑期“小候鸟”托管班;周末作业辅导;亲子阅读活动。",
        [Support.PROJECT_PLANNING, Support.FUNDING],
        ["assign", "start_mentoring", "session"],
    ),
    (
        "龙溪街道“书香少年”阅读推广志愿队",
        "longxi",
        FieldOfService.CULTURE,
        "钟伟明",
        26,
        "龙溪街道中学生和家长组成的阅读推广队伍,与博闻公益书吧合作。",
        "每月一次社区读书会;图书漂流站;寒暑假少年讲书人比赛。",
        [Support.FUNDING],
        ["assign", "start_mentoring", "session", "session", "grant", "grant_funding"],
    ),
    (
        "福田镇“乡村守护”应急救援志愿队",
        "futian",
        FieldOfService.EMERGENCY,
        "叶国强",
        32,
        "福田镇退伍军人发起的应急救援队伍,参与防汛抢险和山地搜救。",
        "汛期值守;每季度急救培训进村;山地搜救演练。",
        [Support.TEAM_BUILDING, Support.FUNDING],
        [
            "assign",
            "start_mentoring",
            "session",
            "session",
            "grant",
            "grant_funding",
            "session",
            "report",
            "certify_mature",
        ],
    ),
    (
        "湖镇镇“爱心驿站”志愿服务队",
        "huzhen",
        FieldOfService.COMMUNITY,
        "黄春梅",
        6,
        "湖镇镇圩镇商户发起,为过往群众提供茶水和休息。",
        "在圩镇设立爱心驿站,节假日提供便民服务。",
        [Support.FUNDING],
        ["reject"],
    ),
    (
        "麻陂镇“健康同行”医疗志愿队",
        "mabei",
        FieldOfService.HEALTH,
        "邓志华",
        10,
        "麻陂镇卫生院医护人员自发组织的义诊队伍。",
        "每月一次下村义诊;慢病随访。",
        [Support.PROJECT_PLANNING],
        ["assign", "start_mentoring", "session", "withdraw"],
    ),
]

ASSIGNMENT_COMMENT = "辅导导师:{mentor}"
SESSION_TOPICS = ["队伍建设与分工", "项目策划与预算", "志愿者招募与培训", "活动复盘与宣传"]
COMMENTS = {
    "start_mentoring": "第一次见面已约好,在志愿客厅进行。",
    "grant_funding": "项目书已通过评审,给予首期资金扶持。",
    "certify_mature": "辅导、活动和资金报告均已达标,认定孵化成熟。",
    "reject": "与已登记的志愿服务队伍服务内容重复,建议加入“湖镇镇关爱留守儿童志愿服务队”一起开展服务。",
    "withdraw": "发起人工作调动,暂时无法组织活动。",
}
# How many days ago each application (in the order above) was submitted.
AGES_IN_DAYS = [3, 25, 30, 50, 80, 12, 40]
SESSION_NOTES = {"notes": "讨论了队伍现状和下一步计划。", "next_steps": "整理成员名单,在“志愿云”上完成队伍登记。"}
UPCOMING_SESSION_TOPIC = "项目书修改"
GRANT = {"amount": Decimal("8000.00"), "source": "县文明办志愿服务专项资金"}
