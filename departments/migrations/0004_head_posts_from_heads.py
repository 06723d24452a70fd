"""Each page's head becomes the holder of a head post titled with their job title, so that the head stays when
the page is next saved: from now on the head is derived from the head post (departments.posts)."""

from django.db import migrations

LANGUAGES = ("fi", "sv", "en")


def heads_to_head_posts(apps, schema_editor):
    OrganisationPage = apps.get_model("departments", "OrganisationPage")
    Post = apps.get_model("departments", "Post")
    Appointment = apps.get_model("departments", "Appointment")
    pages = OrganisationPage.objects.filter(head__isnull=False).exclude(posts__isnull=False).select_related("head")
    for page in pages:
        head = page.head
        titles = {f"title_{code}": getattr(head, f"job_title_{code}", None) for code in LANGUAGES}
        title = next((text for text in titles.values() if text), "") or head.job_title or ""
        post = Post.objects.create(page=page, is_head=True, sort_order=0, title=title, **titles)
        Appointment.objects.create(post=post, person=head)


class Migration(migrations.Migration):
    dependencies = [("departments", "0003_reorganisations_and_posts")]

    operations = [migrations.RunPython(heads_to_head_posts, migrations.RunPython.noop)]
