from django.apps import AppConfig


class CityCommsConfig(AppConfig):
    name = "citycomms"
    verbose_name = "CityComms"
