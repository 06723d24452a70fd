"""The Popolo collections as CSV tables: a row per object, a column per field of the JSON, named as in it.

A list of ids is written space-separated; a person's contact details as `email` and `phone` columns; an
organization's links as its `url`; true and false as `true` and `false`; nothing (null) as an empty cell.
"""

COLUMNS = {
    "organizations": [
        "id",
        "name",
        "classification",
        "parent_id",
        "abstract",
        "dissolution_date",
        "reorganisation",
        "successor_ids",
        "url",
    ],
    "posts": ["id", "label", "organization_id", "is_head"],
    "persons": ["id", "name", "given_name", "family_name", "job_title", "email", "phone"],
    "memberships": ["id", "person_id", "organization_id", "post_id", "role", "start_date", "end_date", "acting"],
}

# Columns that are not a field of the JSON as it is.
DERIVED = {
    "successor_ids": lambda item: " ".join(item["successor_ids"]),
    "url": lambda item: item["links"][0]["url"] if item["links"] else None,
    "email": lambda item: contact_detail(item, "email"),
    "phone": lambda item: contact_detail(item, "voice"),
}


def contact_detail(person, kind):
    return next((detail["value"] for detail in person["contact_details"] if detail["type"] == kind), None)


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def table(name, items):
    """The rows (the header first) of the collection `name` holding `items`."""
    columns = COLUMNS[name]
    rows = [
        [cell(DERIVED[column](item) if column in DERIVED else item[column]) for column in columns] for item in items
    ]
    return [columns, *rows]
