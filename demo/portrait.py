"""Placeholder portraits for demo contact people: a silhouette on a coloured ground, drawn with Pillow.

Real staff photos are not the demo's to publish; these show where a photo
appears on a contact card. The bytes depend only on the name, so the loader
can compare hashes and leave an unchanged image alone.
"""

import hashlib
from io import BytesIO

from PIL import Image, ImageDraw

SIZE = 400
# Dark grounds under a light silhouette: the portrait reads at any size.
GROUNDS = ["#0b3d91", "#5c2d91", "#00594f", "#7a2e0e", "#1f4e79"]
SILHOUETTE = "#e8edf2"


def make_portrait(name):
    """The PNG bytes of a square placeholder portrait, its ground colour chosen by `name`."""
    ground = GROUNDS[hashlib.sha1(name.encode()).digest()[0] % len(GROUNDS)]
    image = Image.new("RGB", (SIZE, SIZE), ground)
    draw = ImageDraw.Draw(image)
    draw.ellipse((140, 70, 260, 190), fill=SILHOUETTE)  # head
    draw.ellipse((70, 220, 330, 480), fill=SILHOUETTE)  # shoulders, cut off by the frame
    output = BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()
