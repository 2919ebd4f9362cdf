#!/usr/bin/python3
"""Build-time font step for one script: subset Noto Sans CJK (Debian's fonts-noto-cjk) to exactly the
characters of the given text files (the locale's message catalogue and the sample catalogue), plus
ASCII and digits, and write an OpenType (CFF) file the widget loads when that locale is first used.
A catalogue's "names" (translations per locale) count only for LOCALE: the ja font needs no Hangul.

usage: make_font_subset.py OUT.otf FONT.ttc FONT_NUMBER LOCALE TEXT_FILE...
"""
import io
import json
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def subset_noto(font_path: str, font_number: str, unicodes) -> bytes:
    """The bytes of one Noto Sans CJK face cut down to UNICODES, as the widget's fonts need it (also used by
    make_font_source.py for the Latin font built into the wasm)."""
    # recalcTimestamp=False keeps the source's `head` dates: the same input gives the same bytes, so the
    # content-hashed file names change only when the glyphs do.
    font = TTFont(font_path, fontNumber=int(font_number), lazy=False, recalcTimestamp=False)
    return subset_font(font, unicodes)


def subset_font(font: TTFont, unicodes) -> bytes:
    """FONT cut down to UNICODES with what stb_truetype (ImGui's rasteriser) reads, as OpenType bytes."""
    options = subset.Options()
    options.layout_features = []     # ImGui does no shaping: drop GSUB/GPOS
    options.hinting = False          # stb_truetype ignores hints
    options.desubroutinize = True    # simpler CFF, smaller after gzip/brotli
    options.name_IDs = []
    options.notdef_outline = True    # a visible box for characters the subset lacks
    # stb_truetype reads cmap, hhea, hmtx and the outlines: vertical metrics and empty layout tables are bytes
    # every font (each CJK slice too) would carry for nothing.
    options.drop_tables += ["vhea", "vmtx", "VORG", "GSUB", "GPOS", "GDEF", "BASE", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def catalogue_text(value, locale: str) -> str:
    """Every string of a catalogue (keys included), with only LOCALE's entry of each "names" object."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            parts.append(key)
            if key == "names" and isinstance(item, dict):
                parts.append(str(item.get(locale, "")))
            else:
                parts.append(catalogue_text(item, locale))
        return "".join(parts)
    if isinstance(value, list):
        return "".join(catalogue_text(item, locale) for item in value)
    return str(value)


def main() -> None:
    out_path, font_path, font_number, locale, *text_files = sys.argv[1:]
    chars = set(chr(c) for c in range(0x20, 0x7F))
    for path in text_files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if path.endswith(".json"):
            data = json.loads(text)
            if isinstance(data, dict) and "products" in data:
                text = catalogue_text(data, locale)
        chars.update(text)
    chars = {c for c in chars if ord(c) >= 0x20 and c not in "\u2028\u2029"}
    with open(out_path, "wb") as f:
        f.write(subset_noto(font_path, font_number, [ord(c) for c in chars]))
    print(f"{out_path}: {len(chars)} characters")


if __name__ == "__main__":
    main()
