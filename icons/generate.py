"""Draws the Roomlens app icon and writes every size Tauri's bundler expects into icons/.

The glyph is a magnifying lens over a small bar chart (room analytics) in white on the accent
colour. This script only draws and resizes; it does not touch tauri.conf.json. Run it with
Pillow installed:  python3 icons/generate.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = (37, 99, 235, 255)  # the UI's accent blue
WHITE = (255, 255, 255, 255)
MASTER = 1024
SUPERSAMPLE = 4

HERE = Path(__file__).resolve().parent

PNG_SIZES = {
    "32x32.png": 32,
    "64x64.png": 64,
    "128x128.png": 128,
    "128x128@2x.png": 256,
    "icon.png": 512,
    "Square30x30Logo.png": 30,
    "Square44x44Logo.png": 44,
    "Square71x71Logo.png": 71,
    "Square89x89Logo.png": 89,
    "Square107x107Logo.png": 107,
    "Square142x142Logo.png": 142,
    "Square150x150Logo.png": 150,
    "Square284x284Logo.png": 284,
    "Square310x310Logo.png": 310,
    "StoreLogo.png": 50,
}


def draw_master() -> Image.Image:
    size = MASTER * SUPERSAMPLE
    s = SUPERSAMPLE
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    # Rounded-square tile in the accent colour.
    margin = 64 * s
    radius = 200 * s
    d.rounded_rectangle((margin, margin, size - margin, size - margin), radius=radius, fill=ACCENT)

    # Lens: a thick white ring.
    cx, cy, r = 440 * s, 440 * s, 230 * s
    ring = 56 * s
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=WHITE)
    d.ellipse((cx - r + ring, cy - r + ring, cx + r - ring, cy + r - ring), fill=ACCENT)

    # Handle: a rounded bar from the ring towards the lower right.
    handle_width = 96 * s
    start = (cx + int(r * 0.68), cy + int(r * 0.68))
    end = (790 * s, 790 * s)
    d.line((start, end), fill=WHITE, width=handle_width)
    hw = handle_width // 2
    d.ellipse((end[0] - hw, end[1] - hw, end[0] + hw, end[1] + hw), fill=WHITE)

    # Bar chart inside the lens.
    bar_w = 52 * s
    gap = 26 * s
    base = cy + 100 * s
    heights = (90 * s, 170 * s, 125 * s)
    left = cx - (3 * bar_w + 2 * gap) // 2
    for i, h in enumerate(heights):
        x0 = left + i * (bar_w + gap)
        d.rounded_rectangle((x0, base - h, x0 + bar_w, base), radius=12 * s, fill=WHITE)

    return img.resize((MASTER, MASTER), Image.LANCZOS)


def main() -> None:
    master = draw_master()
    master.save(HERE / "source.png")
    for name, px in PNG_SIZES.items():
        master.resize((px, px), Image.LANCZOS).save(HERE / name)
    master.save(
        HERE / "icon.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    master.save(HERE / "icon.icns")


if __name__ == "__main__":
    main()
