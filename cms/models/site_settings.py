"""The station's own details, edited under 设置 → 总站信息 and shown in every page's header and footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField


class ChannelLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("名称"), max_length=40, help_text=_("例如:惠州文明网"))
    url = blocks.URLBlock(label=_("网址"))

    class Meta:
        icon = "link"
        label = _("网站链接")


@register_setting(icon="home")
class StationSettings(BaseSiteSetting):
    address = models.CharField(_("地址"), max_length=200, blank=True)
    opening_hours = models.CharField(_("开放时间"), max_length=100, blank=True, help_text=_("例如:每天 9:00–17:00"))
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    email = models.EmailField(_("邮箱"), blank=True)
    wechat_account = models.CharField(_("微信公众号名称"), max_length=60, blank=True, help_text=_("例如:文明博罗"))
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("公众号二维码"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weibo_url = models.URLField(_("微博地址"), blank=True)
    websites = StreamField(
        [("link", ChannelLinkBlock())],
        verbose_name=_("网站链接"),
        blank=True,
        help_text=_("页脚显示的网站,例如博罗文明网"),
    )
    footer_text = RichTextField(_("页脚文字"), blank=True, features=["bold", "link"])
    icp_number = models.CharField(_("ICP 备案号"), max_length=60, blank=True)

    select_related = ["wechat_qr"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("opening_hours"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("联系方式"),
        ),
        MultiFieldPanel(
            [FieldPanel("wechat_account"), FieldPanel("wechat_qr"), FieldPanel("weibo_url"), FieldPanel("websites")],
            heading=_("宣传渠道"),
        ),
        MultiFieldPanel([FieldPanel("footer_text"), FieldPanel("icp_number")], heading=_("页脚")),
    ]

    class Meta:
        verbose_name = _("总站信息")
        verbose_name_plural = _("总站信息")
