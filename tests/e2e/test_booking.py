"""The booking journey: request the room on a phone → staff approve in the admin → the manage page shows it
confirmed → the requester cancels it."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from events.bookings import rules as service
from events.models import Booking
from tests.e2e.booking_steps import fill_booking_request
from tests.events.booking_support import at, booking_request, make_room


def test_request_approve_and_cancel_a_booking(
    live_server, site, phone_page, desktop_page, screenshot, django_user_model
):
    room = make_room(name="志愿客厅(三合一功能室)", location="博罗志愿服务总站")
    django_user_model.objects.create_superuser("zhanzhang", "staff@example.com", "e2e-pass-123", first_name="站长")
    day = at(3, 0).date()
    for offset, organiser in ((2, "博罗县青年志愿者协会"), (4, "博闻公益书吧")):  # other teams' bookings that week
        service.request_booking(
            booking_request(room, at(offset, 14, 30), at(offset, 16, 30), organiser_name=organiser), confirm=True
        )

    # A team leader finds a free slot on their phone and requests it.
    phone = phone_page
    phone.goto(f"{live_server.url}/events/room/")
    expect(phone.locator("h1")).to_contain_text("志愿客厅")
    if day.isocalendar()[:2] != timezone.localdate().isocalendar()[:2]:
        phone.get_by_role("link", name=re.compile("下一周")).click()
    phone.get_by_role("navigation", name="选择日期").get_by_role("link").filter(
        has_text=f"{day.month}/{day.day}"
    ).click()
    chosen_day = phone.locator("section.day.is-chosen")
    expect(chosen_day.get_by_role("heading")).to_contain_text(f"{day.month}月{day.day}日")
    screenshot(phone, "booking-1-week-phone")
    chosen_day.get_by_role("link", name=re.compile("08:00")).click()

    expect(phone.locator("h1")).to_contain_text("申请预约")
    expect(phone.get_by_label("开始时间")).to_have_value("08:00")
    fill_booking_request(phone)
    phone.get_by_label("投影仪").check()
    screenshot(phone, "booking-2-form-phone")
    phone.get_by_role("button", name="提交申请").click()

    expect(phone.locator(".status")).to_contain_text("待审核")
    manage_url = phone.url
    booking = Booking.objects.get(title="新志愿者岗前培训")
    assert manage_url.endswith(booking.get_absolute_url())
    screenshot(phone, "booking-3-requested-phone")

    # Staff approve it in the admin, with a message.
    admin = desktop_page
    admin.goto(f"{live_server.url}/admin/login/")
    admin.locator("#id_username").fill("zhanzhang")
    admin.locator("#id_password").fill("e2e-pass-123")
    admin.get_by_role("button", name=re.compile("登录")).click()
    admin.goto(f"{live_server.url}/admin/events/bookings/")
    expect(admin.get_by_text("新志愿者岗前培训")).to_be_visible()
    screenshot(admin, "booking-4-admin-list-desktop")
    admin.goto(f"{live_server.url}/admin/events/bookings/approve/{booking.pk}/")
    admin.get_by_label("给申请人的留言").fill("请提前十分钟到场布置投影仪。")
    screenshot(admin, "booking-5-admin-approve-desktop")
    admin.get_by_role("button", name="批准并通知申请人").click()
    expect(admin.get_by_text(re.compile("已批准"))).to_be_visible()
    admin.goto(f"{live_server.url}/admin/events/bookings/calendar/?week={day.isoformat()}")
    expect(admin.get_by_text("新志愿者岗前培训")).to_be_visible()
    screenshot(admin, "booking-6-admin-calendar-desktop")

    # The requester sees it confirmed and, plans having changed, cancels it.
    phone.goto(manage_url)
    expect(phone.locator(".status")).to_contain_text("已确认")
    expect(phone.get_by_text("请提前十分钟到场布置投影仪。")).to_be_visible()
    screenshot(phone, "booking-7-confirmed-phone")
    phone.get_by_label("取消原因(可选)").fill("活动改期")
    phone.get_by_role("button", name="取消预约").click()
    expect(phone.locator(".status")).to_contain_text("已取消")
    screenshot(phone, "booking-8-cancelled-phone")
    booking.refresh_from_db()
    assert booking.status == "cancelled"

    # The week view on a desktop shows the slot free again.
    desktop_page.goto(f"{live_server.url}{room.get_absolute_url()}?week={day.isoformat()}")
    that_day = desktop_page.locator("section.day").filter(
        has=desktop_page.get_by_role("heading", name=re.compile(f"{day.month}月{day.day}日"))
    )
    expect(that_day.locator(".slot--busy")).to_have_count(0)
    expect(that_day.locator(".slot--free").first).to_contain_text("08:00–12:00")
    screenshot(desktop_page, "booking-9-week-desktop")
