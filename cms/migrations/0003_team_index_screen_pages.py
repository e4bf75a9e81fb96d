# The team directory (TeamIndexPage) and the station's screen (ScreenPage).

import django.core.validators
import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("cms", "0002_role_model"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name='ScreenPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('slides', wagtail.fields.StreamField([('image', 3), ('video', 5), ('notice', 8), ('duty_teams', 10), ('panels', 12)], block_lookup={0: ('wagtail.blocks.IntegerBlock', (), {'default': 12, 'help_text': '这一页在屏幕上停留的秒数', 'label': '播放时长(秒)', 'max_value': 600, 'min_value': 3}), 1: ('wagtail.images.blocks.ImageChooserBlock', (), {'help_text': '横版图片,建议 1920×1080', 'label': '图片'}), 2: ('wagtail.blocks.CharBlock', (), {'label': '说明文字', 'max_length': 80, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('duration', 0), ('image', 1), ('caption', 2)]], {}), 4: ('wagtail.documents.blocks.DocumentChooserBlock', (), {'help_text': '上传到文档库的 MP4 视频(宣传片、活动视频)', 'label': '视频文件'}), 5: ('wagtail.blocks.StructBlock', [[('duration', 0), ('video', 4), ('caption', 2)]], {}), 6: ('wagtail.blocks.CharBlock', (), {'label': '标题', 'max_length': 40}), 7: ('wagtail.blocks.TextBlock', (), {'help_text': '一两句话,远处也能看清', 'label': '内容', 'max_length': 200, 'required': False}), 8: ('wagtail.blocks.StructBlock', [[('duration', 0), ('heading', 6), ('text', 7)]], {}), 9: ('wagtail.blocks.CharBlock', (), {'default': '值班特色志愿服务队伍', 'label': '标题', 'max_length': 40}), 10: ('wagtail.blocks.StructBlock', [[('duration', 0), ('heading', 9)]], {}), 11: ('wagtail.blocks.CharBlock', (), {'default': '近期活动', 'label': '标题', 'max_length': 40, 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('duration', 0), ('heading', 11)]], {})}, help_text='按顺序循环播放;每一页可设置停留秒数', verbose_name='播放内容')),
                ('refresh_minutes', models.PositiveSmallIntegerField(default=5, help_text='屏幕每隔这么久在一轮播放结束时重新获取内容,发布的修改会自动出现在屏幕上', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(120)], verbose_name='内容刷新间隔(分钟)')),
            ],
            options={
                'verbose_name': '大屏播放',
                'verbose_name_plural': '大屏播放',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.CreateModel(
            name='TeamIndexPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='显示在团队名录顶部', verbose_name='简介')),
                ('map_intro', wagtail.fields.RichTextField(blank=True, help_text='显示在团队分布图页面顶部', verbose_name='分布图说明')),
            ],
            options={
                'verbose_name': '志愿团队名录',
                'verbose_name_plural': '志愿团队名录',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
    ]
