"""The demo's accounts: a superuser and each city's editor, moderator and staff reader, with their names (the
admin's account settings need them) and groups. Idempotent: an account is created, updated or left as it is."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import content


def load_city_users(cities, roles_by_city, log):
    """Each city's demo editor, moderator and staff reader, in that city's Editors, Moderators or Staff group.

    `roles_by_city` maps a city's name to what setup_city_roles() made for it.
    """
    for data in content.city_users(cities):
        roles = roles_by_city[data["city"]]
        group = {"editor": roles.editors, "moderator": roles.moderators, "staff": roles.staff}[data["role"]]
        load_user({**data, "groups": [group.name]}, log)


def load_user(data, log):
    User = get_user_model()
    user = User.objects.filter(username=data["username"]).first()
    status = "unchanged"
    if user is None:
        user, status = User(username=data["username"]), "created"
    wanted = {
        "email": data["email"],
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "is_active": True,
        "is_staff": data["superuser"],
        "is_superuser": data["superuser"],
    }
    for name, value in wanted.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            status = "updated" if status == "unchanged" else status
    if not user.check_password(data["password"]):
        user.set_password(data["password"])
        status = "updated" if status == "unchanged" else status
    if status != "unchanged":
        user.save()
    for group_name in data["groups"]:
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            log(f"User {data['username']}: group {group_name} not found (Wagtail's migrations create it)")
        elif not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            status = "updated" if status == "unchanged" else status
    log(f"User {data['username']} … {status}")
