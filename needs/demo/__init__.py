"""Demo content of the needs plugin: a dispatcher, a leader for each team that gets a need, and needs in every state.

Imported only by ``manage.py load_initial_data`` (through ``cms.plugins.register_demo_content``), never by a web
process. Every need goes through the real workflow (``perform_transition``), so its audit trail is what staff would
see; no mail is sent. Idempotent: a need whose demo marker (the requester's phone) exists already is left alone. The
demo accounts have no usable password.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import Team, Township
from cms.plugins import register_demo_content
from needs.models import Beneficiary, Need, TeamLeader
from needs.workflow import DISPATCHERS_GROUP, LEADERS_GROUP, Requester, perform_transition

# category, township slug, for whom, what, volunteers, requester, phone (the demo marker), steps
NEEDS = [
    (
        "助老",
        "luoyang",
        Beneficiary.PERSON,
        "独居老人腿脚不便,希望每周有人上门陪伴、帮忙打扫。",
        2,
        "黄阿姨",
        "13900000001",
        [],
    ),
    (
        "助学",
        "shiwan",
        Beneficiary.SCHOOL,
        "村小学希望开设周末阅读课,需要志愿者带读。",
        3,
        "石湾镇中心小学",
        "13900000002",
        ["dispatch"],
    ),
    (
        "环保",
        "changning",
        Beneficiary.COMMUNITY,
        "河边垃圾较多,想组织一次村民和志愿者一起的清理活动。",
        8,
        "长宁镇某村委会",
        "13900000003",
        ["dispatch", "accept"],
    ),
    (
        "助老",
        "yuanzhou",
        Beneficiary.HOUSEHOLD,
        "家中老人需要有人陪同去镇卫生院复诊。",
        1,
        "何先生",
        "13900000004",
        ["dispatch", "accept", "complete"],
    ),
    (
        "助老",
        "luoyang",
        Beneficiary.COMMUNITY,
        "社区重阳节敬老活动,需要志愿者帮忙布置和陪伴老人。",
        6,
        "罗阳某社区居委会",
        "13900000005",
        ["dispatch", "accept", "complete", "rate"],
    ),
    ("助学", "longxi", Beneficiary.PERSON, "留守儿童暑假作业需要辅导。", 1, "李奶奶", "13900000006", ["reject"]),
    ("环保", "shiwan", Beneficiary.HOUSEHOLD, "家门口绿化带需要修剪。", 2, "陈先生", "13900000007", ["cancel"]),
    (
        "助老",
        "changning",
        Beneficiary.PERSON,
        "空巢老人想学用智能手机视频通话。",
        1,
        "张伯",
        "13900000008",
        ["dispatch", "decline"],
    ),
]


def _user(username, name, group):
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": name})
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def _team_for(category, township):
    """The published team of that speciality, nearest in the listing's order (its own township first)."""
    teams = Team.objects.published().filter(speciality__contains=category[:2])
    return teams.filter(township=township).first() or teams.first() or Team.objects.published().first()


def _walk(need, steps, dispatcher, today):
    for step in steps:
        if step == "dispatch":
            team = _team_for(need.category, need.township)
            if team is None:
                return
            perform_transition(need, "dispatch", dispatcher, comment="请尽快联系点单人", team=team, notify=False)
        elif step == "accept":
            perform_transition(need, "accept", _leader_of(need), notify=False)
        elif step == "complete":
            served = max(today - timedelta(days=2), need.submitted_at.date())
            perform_transition(
                need,
                "complete",
                dispatcher,
                served_on=served,
                volunteers_served=need.volunteers_needed,
                hours=Decimal(2 * need.volunteers_needed),
                comment="已上门服务",
                notify=False,
            )
        elif step == "rate":
            perform_transition(need, "rate", Requester(need.pk), rating=5, comment="志愿者很热心,谢谢!", notify=False)
        elif step == "reject":
            perform_transition(need, "reject", dispatcher, comment="请联系学校的课后服务,总站已转介", notify=False)
        elif step == "cancel":
            perform_transition(need, "cancel", Requester(need.pk), comment="已自行解决", notify=False)
        elif step == "decline":
            perform_transition(need, "decline", _leader_of(need), comment="本周队员都在外地", notify=False)


def _leader_of(need):
    leader = _user(f"leader-{need.team_id}", f"{need.team.name[:6]}负责人", LEADERS_GROUP)
    TeamLeader.objects.get_or_create(user=leader, team=need.team)
    return leader


@register_demo_content
def load_demo(home_page, stdout):
    dispatcher = _user("needs-dispatcher", "周派单", DISPATCHERS_GROUP)
    townships = {township.slug: township for township in Township.objects.all()}
    today = timezone.localdate()
    created = 0
    for n, (category, slug, beneficiary, description, volunteers, name, phone, steps) in enumerate(NEEDS):
        township = townships.get(slug) or next(iter(townships.values()), None)
        if township is None or Need.objects.filter(contact_phone=phone).exists():
            continue
        need = Need.objects.create(
            category=category,
            description=description,
            beneficiary=beneficiary,
            township=township,
            address=f"{township.name}演示路 {n + 1} 号",
            wanted_on=today + timedelta(days=n - 3),
            volunteers_needed=volunteers,
            contact_name=name,
            contact_phone=phone,
            contact_email=f"demo-requester-{n + 1}@example.net",
            submitted_at=timezone.now() - timedelta(days=10 - n),
        )
        need.events.create(kind="submitted", action="submitted", to_state=need.state, actor_name=name)
        _walk(need, steps, dispatcher, today)
        created += 1
    stdout.write(f"needs: {created} demo needs\n")
