"""A department page costs the same number of queries however large the department."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from contacts.factories import ContactPersonFactory
from departments.factories import DepartmentPageFactory, UnitPageFactory
from departments.models import PageContact


def build_department(city, size, index):
    department = DepartmentPageFactory(parent=city, slug_fi=f"osasto-{index}")
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")
    head = ContactPersonFactory(city=city, photo=photo)
    department.head = head
    department.save()
    for n in range(size):
        UnitPageFactory(parent=department, intro_fi=f"Yksikkö numero {n}")
        PageContact.objects.create(page=department, contact=ContactPersonFactory(city=city, photo=photo), sort_order=n)
    return department


def count_queries(client, url):
    client.get(url)  # warm caches that are per process, not per page (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.django_db
def test_department_page_queries_do_not_grow_with_units_and_contacts(client, helsinki):
    small = build_department(helsinki, 2, 1)
    large = build_department(helsinki, 50, 2)

    small_count, small_html = count_queries(client, small.url)
    large_count, large_html = count_queries(client, large.url)

    assert small_html.count('class="contact-card"') == 3
    assert large_html.count('class="contact-card"') == 51
    assert large_html.count('class="page-list__item"') == 50
    assert large_count == small_count, (small_count, large_count)
    assert small_count <= 25


@pytest.mark.django_db
def test_contact_cards_in_the_body_cost_the_same_for_one_or_many(client, helsinki):
    photo = get_image_model().objects.create(title="kuva", file=get_test_image_file(), description="Kasvokuva")

    def department_with_cards(count, index):
        people = [ContactPersonFactory(city=helsinki, photo=photo) for _n in range(count)]
        return DepartmentPageFactory(
            parent=helsinki, slug_fi=f"kortit-{index}", body_fi=[("contact", person) for person in people]
        )

    one, _html = count_queries(client, department_with_cards(1, 1).url)
    many, html = count_queries(client, department_with_cards(8, 2).url)
    assert html.count('class="contact-card"') == 8
    assert many == one
