"""What the newsroom tests share: the newsroom, a department, and reading a page's release titles."""

import pytest
from bs4 import BeautifulSoup

from departments.factories import DepartmentPageFactory
from newsroom.factories import NewsroomPageFactory


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def release_titles(html):
    return [link.get_text(strip=True) for link in html.select(".release-list__link")]


@pytest.fixture
def newsroom(helsinki):
    return NewsroomPageFactory(parent=helsinki)


@pytest.fixture
def department(helsinki):
    return DepartmentPageFactory(parent=helsinki, title_fi="Viestintäosasto", slug_fi="viestintaosasto")
