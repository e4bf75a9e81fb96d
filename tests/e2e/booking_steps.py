"""Steps shared by the browser journeys that request the function room."""

REQUEST = {
    "活动主题": "新志愿者岗前培训",
    "组织者名称": "罗阳街道志愿服务队",
    "联系人": "王磊",
    "联系电话": "13900001111",
    "联系邮箱": "wanglei@example.com",
    "预计人数": "25",
}


def fill_booking_request(page, *, end="10:00") -> None:
    """Fill the room's request form as a team leader does (the start time comes from the chosen free slot)."""
    page.get_by_label("结束时间").fill(end)
    page.get_by_label("培训").check()
    for label, value in REQUEST.items():
        page.get_by_label(label).fill(value)
