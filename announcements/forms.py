"""The announcement's form in the admin: the city among the user's cities, or every city for an administrator."""

from django.core.exceptions import NON_FIELD_ERRORS

from contacts.scoping import CityScopedForm

from .models import ALL_CITIES


class AnnouncementForm(CityScopedForm):
    """The contacts' form of the user's cities (contacts.scoping), with an empty city meaning every city: offered
    to administrators only, and refused to everyone else as a city left out."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("city")
        if field is None or for_user is None:
            return
        if for_user.is_superuser:
            field.empty_label = ALL_CITIES  # the choices are read from the field when the list is drawn
        else:
            field.required = True

    def _update_errors(self, errors):
        # The model asks for the text in a language this form has no input for (the city was changed to one
        # whose default language the former city did not offer): that message goes at the top of the form.
        if hasattr(errors, "error_dict"):
            for name in [name for name in errors.error_dict if name != NON_FIELD_ERRORS and name not in self.fields]:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)
