"""Demo content of the incubator: the coordinator and two mentors, and applications in every state.

Every application is moved through the real workflow (``perform_transition``) so its audit log is what staff would see;
no mail is sent. Idempotent: an organisation that exists already is left alone. The demo staff accounts have no usable
password: log in as the admin, or set one with ``manage.py changepassword <username>``.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import Township
from incubator import services
from incubator.models import Application, ApplicationEvent, FieldOfService, Grant, MentoringSession, Support
from incubator.workflow import COORDINATORS_GROUP, MENTORS_GROUP, perform_transition

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

SESSION_TOPICS = ["队伍建设与分工", "项目策划与预算", "志愿者招募与培训", "活动复盘与宣传"]
COMMENTS = {
    "start_mentoring": "第一次见面已约好,在志愿客厅进行。",
    "grant_funding": "项目书已通过评审,给予首期资金扶持。",
    "certify_mature": "辅导、活动和资金报告均已达标,认定孵化成熟。",
    "reject": "与已登记的志愿服务队伍服务内容重复,建议加入“湖镇镇关爱留守儿童志愿服务队”一起开展服务。",
    "withdraw": "发起人工作调动,暂时无法组织活动。",
}


def ensure_staff() -> dict:
    users = {}
    for username, name, group in STAFF:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@example.com", "is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def _spread_over_time(application, days: int) -> None:
    """Demo timelines look lived-in: the entries spread over the last ``days`` days, in their order."""
    start = timezone.now() - timedelta(days=days)
    events = list(application.events.order_by("pk"))
    step = timedelta(days=days) / max(len(events), 1)
    changed = start
    for i, event in enumerate(events):
        ApplicationEvent.objects.filter(pk=event.pk).update(created_at=start + i * step)
        if event.kind == ApplicationEvent.Kind.TRANSITION:
            changed = start + i * step
    Application.objects.filter(pk=application.pk).update(submitted_at=start, state_changed_at=changed)


def build_application(index: int, row, users, age_days: int) -> Application:
    name, township, field, founder, members, intro, projects, support, path = row
    coordinator, mentor = users["incubator-coordinator"], users["mentor-chen"]
    if township == "changning":
        mentor = users["mentor-huang"]
    application = Application.objects.create(
        organisation_name=name,
        founder_name=founder,
        contact_phone=f"1382752{index:04d}",
        contact_email=f"apply-{township}@example.com",
        township=Township.objects.get(slug=township),
        field_of_service=field,
        member_count=members,
        introduction=intro,
        planned_projects=projects,
        support_needed=list(support),
    )
    application.events.create(
        kind=ApplicationEvent.Kind.SUBMITTED, to_state=application.state, actor_name=founder, visibility="applicant"
    )
    sessions = 0
    for step in path:
        if step == "assign":
            # Directly, rather than through services.assign_mentor, so that no mail goes out.
            application.mentor = mentor
            application.save(update_fields=["mentor"])
            application.events.create(
                kind=ApplicationEvent.Kind.ASSIGNMENT,
                actor=coordinator,
                actor_name=coordinator.get_full_name(),
                comment=f"辅导导师:{mentor.get_full_name()}",
            )
        elif step == "session":
            sessions += 1
            services.log_session(
                MentoringSession(
                    application=application,
                    mentor=mentor,
                    starts_at=timezone.now() - timedelta(days=age_days - sessions * 7),
                    topic=SESSION_TOPICS[(sessions - 1) % len(SESSION_TOPICS)],
                    notes="讨论了队伍现状和下一步计划。",
                    next_steps="整理成员名单,在“志愿云”上完成队伍登记。",
                ),
                mentor,
            )
        elif step == "grant":
            services.record_grant(
                Grant(
                    application=application,
                    amount=Decimal("8000.00"),
                    source="县文明办志愿服务专项资金",
                    disbursed_on=timezone.localdate() - timedelta(days=20),
                    report_due_on=timezone.localdate() + timedelta(days=40),
                ),
                coordinator,
            )
        elif step == "report":
            grant = application.grants.first()
            grant.report_received_on = timezone.localdate() - timedelta(days=2)
            services.record_grant(grant, coordinator)
            application.activities_held = 4
            application.save(update_fields=["activities_held"])
        else:
            user = mentor if step == "start_mentoring" else coordinator
            perform_transition(application, step, user, comment=COMMENTS.get(step, ""), notify=False)
    if path and path[-1] == "session":
        # an upcoming session, so the status page shows one
        MentoringSession.objects.create(
            application=application,
            mentor=mentor,
            starts_at=timezone.now() + timedelta(days=5, hours=2),
            topic="项目书修改",
        )
    _spread_over_time(application, age_days)
    return application


def load_demo_content(home_page, stdout) -> None:
    """The incubator's demo: staff accounts (no usable password) and one application per row above."""
    users = ensure_staff()
    created = 0
    for index, (age, row) in enumerate(zip([3, 25, 30, 50, 80, 12, 40], APPLICATIONS, strict=True)):
        if Application.objects.filter(organisation_name=row[0]).exists():
            continue
        build_application(index, row, users, age)
        created += 1
    if created:
        stdout.write(
            f"Incubator: {created} demo applications; demo staff accounts have no password (set one with changepassword)."
        )
