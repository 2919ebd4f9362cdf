#!/usr/bin/python3
"""Build-time font step: subset Noto Sans CJK (Debian's fonts-noto-cjk) to the glyphs the UI needs and
write them as a C++ source file holding the bytes, so the font ships inside the wasm with no extra request.
The same file holds SYMBOL_ranges, the characters asked for as ImGui glyph ranges (pairs of first and last,
ending in 0): UNICODES (CMakeLists.txt) is their one definition.

usage: make_font_source.py OUT.cpp SYMBOL FONT.ttc FONT_NUMBER UNICODES
UNICODES is fontTools' syntax, e.g. "U+0020-007E,U+00A0-00FF".
"""
import sys

from fontTools import subset

from make_font_subset import subset_noto


def main() -> None:
    out_path, symbol, font_path, font_number, unicodes = sys.argv[1:6]
    chars = subset.parse_unicodes(unicodes)
    data = subset_noto(font_path, font_number, chars)
    ranges = []
    for c in sorted(set(chars)):
        if c > 0xFFFF:
            sys.exit(f"make_font_source.py: U+{c:X} is beyond ImGui's 16-bit glyph ranges")
        if ranges and ranges[-1][1] + 1 == c:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    lines = []
    for i in range(0, len(data), 24):
        lines.append("    " + ",".join(str(b) for b in data[i:i + 24]) + ",")
    with open(out_path, "w", encoding="ascii") as f:
        f.write("// Generated at build time by widget/ui/fonts/make_font_source.py from Noto Sans CJK\n")
        f.write("// (SIL Open Font License 1.1). Do not edit.\n")
        f.write("#include <cstddef>\n\n")
        f.write(f"extern const unsigned char {symbol}[];\n")
        f.write(f"extern const std::size_t {symbol}_size;\n")
        f.write(f"alignas(4) const unsigned char {symbol}[] = {{\n" + "\n".join(lines) + "\n};\n")
        f.write(f"const std::size_t {symbol}_size = {len(data)};\n")
        f.write(f"extern const unsigned short {symbol}_ranges[];\n")
        pairs = ", ".join(f"0x{a:04X}, 0x{b:04X}" for a, b in ranges)
        f.write(f"const unsigned short {symbol}_ranges[] = {{{pairs}, 0}};\n")


if __name__ == "__main__":
    main()
