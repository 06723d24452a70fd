"""Factories for newsrooms and press releases, used by the tests."""

import datetime

import factory
import wagtail_factories

from citycomms.factories import NumberedPageFactory

from .models import NewsroomPage, PressReleasePage


class NewsroomPageFactory(wagtail_factories.PageFactory):
    title_fi = "Uutishuone"
    title_sv = "Nyhetsrum"
    title_en = "Newsroom"
    slug_fi = "uutishuone"
    slug_sv = "nyhetsrum"
    slug_en = "newsroom"

    class Meta:
        model = NewsroomPage


class PressReleasePageFactory(NumberedPageFactory):
    class Params:
        names = ("Tiedote", "Pressmeddelande", "Press release")

    intro_fi = factory.Sequence(lambda n: f"Tiedotteen {n} ingressi.")
    publication_date = factory.Sequence(
        lambda n: datetime.datetime(2025, 1, 1, 9, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
    )

    class Meta:
        model = PressReleasePage
