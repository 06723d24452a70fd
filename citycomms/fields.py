"""A model field holding an ordered subset of settings.LANGUAGES."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LanguageListField(models.CharField):
    """Stores language codes as "fi,sv,en"; Python and forms always see a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 50:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        # Defaults and assignments arrive as strings too; keep the attribute a list.
        setattr(cls, self.attname, _ListAttribute(self))

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        codes = value if isinstance(value, (list, tuple)) else (value or "").split(",")
        return list(dict.fromkeys(code for code in codes if code))  # ordered, without repeats

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # CharField would check the joined string against `choices`; check each code.
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in value if code not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language codes: %(codes)s"), params={"codes": ", ".join(unknown)}, code="invalid"
            )
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        defaults = {
            "choices": settings.LANGUAGES,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        kwargs.pop("form_class", None)  # a list of codes is always a MultipleChoiceField
        kwargs.pop("choices_form_class", None)
        return forms.MultipleChoiceField(**(defaults | kwargs))


class _ListAttribute:
    def __init__(self, field):
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return instance.__dict__.get(self.field.attname, [])

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = self.field.to_python(value)
