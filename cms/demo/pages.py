"""Pages of the demo content: each is created once under its parent and published, as an editor's first version."""

from collections.abc import Callable

from wagtail.models import Page


def add_published_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_child_page(parent: Page, page_class: type[Page], build: Callable[[], Page]) -> Page:
    """``parent``'s child of ``page_class``; only when there is none is ``build()`` called, its page added and published.

    ``build`` is called lazily so that a second run creates nothing, not even the images a new page would use.
    """
    existing = page_class.objects.child_of(parent).first()
    if existing is not None:
        return existing
    return add_published_child(parent, build())
