"""The incubation call on the home page is kept in the cache until an application or the settings change."""

from incubator.models import IncubatorSettings
from incubator.workflow import State
from tests.incubator.factories import ApplicationFactory


def test_an_edited_call_and_a_matured_organisation_show_on_the_next_home_page(client, home_page):
    assert "组织孵化:征集中" in client.get("/").content.decode()

    call = IncubatorSettings.load()
    call.call_for_applications = "今年秋季征集社区治理类组织。"
    call.save()
    assert "今年秋季征集社区治理类组织。" in client.get("/").content.decode()

    ApplicationFactory(state=State.MATURE)
    assert "已有 1 个组织在总站孵化成熟。" in client.get("/").content.decode()
