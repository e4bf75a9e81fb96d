"""Light pages on a phone: card and cover images as responsive WebP sized to their slots, lazy below the fold."""

import re

from cms.models import HomePageHallLink
from tests.cms.showroom import make_hall, make_image, make_section
from tests.factories import TeamFactory


def image_tags(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<img [^>]*class="{css_class}"[^>]*>', html)


def test_hall_cards_are_webp_in_two_widths_lazy_with_their_size(client, home_page):
    hall = make_hall(home_page)
    make_section(hall, 1, cover_image=make_image(size=(1440, 900)))

    [card] = image_tags(client.get("/hall/").content.decode(), "card__image")

    assert re.search(r'srcset="[^"]+\.webp 360w, [^"]+\.webp 720w"', card)
    assert re.search(r'src="[^"]+\.webp"', card)
    assert 'loading="lazy"' in card
    assert 'width="360"' in card and 'height="225"' in card  # the browser keeps the slot: no layout shift
    assert 'sizes="(min-width: 768px) 360px, 100vw"' in card


def test_the_home_pages_hero_loads_first_and_its_cards_later(client, home_page):
    home_page.hero_image = make_image(size=(1600, 700))
    home_page.save_revision().publish()
    section = make_section(make_hall(home_page), 1, cover_image=make_image(size=(1440, 900)))
    HomePageHallLink.objects.create(page=home_page, section=section, blurb="身边的榜样")

    html = client.get("/").content.decode()

    [hero] = image_tags(html, "hero__image")
    assert ".webp 480w" in hero and 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero
    [card] = image_tags(html, "card__image")
    assert ".webp 360w" in card and 'loading="lazy"' in card


def test_a_team_logo_is_webp(client, home_page):
    from cms.demo.teams import ensure_team_index_page

    ensure_team_index_page(home_page)
    TeamFactory(slug="hongmian", logo=make_image(size=(400, 400)))

    [logo] = image_tags(client.get("/teams/").content.decode(), "team-badge__logo")

    assert re.search(r'src="[^"]+\.webp"', logo) and 'width="160"' in logo
