from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo cities and the scale data: the top floor, which may use every app below it."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
