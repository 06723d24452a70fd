"""A model field holding an ordered subset of settings.LANGUAGES."""

from django import forms
from django.conf import settings
from django.db import models


class LanguageListField(models.CharField):
    """Stores language codes as "fi,sv,en"; Python and forms see a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 50)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 50:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return list(value)
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        return ",".join(self.to_python(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        # CharField would check the joined string against `choices`; check each code.
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in value if code not in known]
        if unknown:
            raise forms.ValidationError("Unknown language codes: %(codes)s", params={"codes": ", ".join(unknown)})
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )
