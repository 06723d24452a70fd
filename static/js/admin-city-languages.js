// The editor's language buttons (wagtail-modeltranslation's "View / edit fields for") in the city's languages.
//
// The form has inputs only in the languages the page's or contact's city offers, its default language first
// (citycomms.panels). wagtail-modeltranslation's picker offers every language of the site and opens with
// WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT shown: for a city without Finnish its script stops at "fi",
// which has no inputs, and leaves the Swedish and English inputs hidden (for a contact, its whole name panel).
// Loaded after that script's settings, this keeps them to the form's languages once the form is parsed
// (DOMContentLoaded), before that script runs: jQuery 3 calls its ready handlers after the event, not during it.
function keepToFormLanguages() {
  const settings = window.wagtailModelTranslations;
  const form = document.querySelector("form[data-edit-form]");
  if (!settings || !form) {
    return;
  }
  const present = [];
  for (const input of form.querySelectorAll("[name]")) {
    const match = /_([a-z]{2})$/.exec(input.name);
    if (match && settings.languages.includes(match[1]) && !present.includes(match[1])) {
      present.push(match[1]);
    }
  }
  if (present.length === 0) {
    return;
  }
  const shown = settings.locale_picker_default.filter((code) => present.includes(code));
  settings.languages = present;
  settings.locale_picker_default = shown.length ? shown : [present[0]];
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", keepToFormLanguages);
} else {
  keepToFormLanguages();
}
