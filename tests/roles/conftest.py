"""What the role tests share: each city's pages."""

import pytest

from press.models import PressContactsPage


def press_page(home, title, slug):
    page = PressContactsPage(title=title, slug=slug, **{f"title_{code}": title for code in ("fi", "sv", "en")})
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def pages(helsinki, goteborg):
    return {
        "helsinki": press_page(helsinki, "Helsingin medialle", "helsingin-medialle"),
        "goteborg": press_page(goteborg, "Göteborgs medier", "goteborgs-medier"),
    }
