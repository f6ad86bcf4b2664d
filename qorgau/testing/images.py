"""Images for tests of uploads: a photograph that carries a camera make and a GPS position."""

from __future__ import annotations

import io


def jpeg_with_gps(colour: str = "red") -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x8825] = {1: "N", 2: (43.0, 15.0, 0.0), 3: "E", 4: (76.0, 57.0, 0.0)}  # GPS
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()
