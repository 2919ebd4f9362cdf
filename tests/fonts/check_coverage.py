#!/usr/bin/python3
"""Reads the built font slices' cmaps (DIST/tabi-font-LOCALE-*.otf, with the Latin font's characters from
TABI_LATIN_UNICODES) and prints, per CJK locale, how much of its everyday character sets they cover, as JSON.
Written apart from make_font_slices.py on purpose: the sets come from Python's codecs here, not from that script.

usage: check_coverage.py DIST LATIN_UNICODES
"""
import glob
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont


def decoded(codec, leads, trails, limit=None):
    out = set()
    for a in leads:
        for b in trails:
            if limit and (a << 8 | b) > limit:
                continue
            try:
                c = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(c) == 1 and c.isprintable():
                out.add(ord(c))
    return out


ROW = range(0xA1, 0xFF)
HAN = lambda s: {c for c in s if 0x3400 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF}
HANGUL = lambda s: {c for c in s if 0xAC00 <= c <= 0xD7A3}
FULLWIDTH = set(range(0xFF01, 0xFF5F)) | set(range(0xFFE0, 0xFFE7))
CJK_PUNCTUATION = {c for c in range(0x3000, 0x3040) if chr(c).isprintable() and c != 0x3000} | {0x3000}

GB2312 = decoded("gb2312", range(0xA1, 0xF8), ROW)
BIG5_COMMON = decoded("big5", range(0xA1, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)), limit=0xC67E)
JIS0208 = decoded("euc_jp", range(0xA1, 0xF5), ROW)
KANA = {c for c in JIS0208 if 0x3040 <= c <= 0x30FF}
KSX1001 = decoded("euc_kr", range(0xA1, 0xFE), ROW)

SETS = {
    "zh-Hans": {"GB 2312": GB2312},
    "zh-Hant": {"Big5 common (A140-C67E)": BIG5_COMMON},
    "ja": {"JIS X 0208 (kanji, kana, symbols)": JIS0208, "kana": KANA},
    "ko": {"KS X 1001 hangul": HANGUL(KSX1001), "KS X 1001 hanja": HAN(KSX1001), "KS X 1001 (all)": KSX1001},
}


def main():
    dist, latin_spec = sys.argv[1:3]
    latin = set(subset.parse_unicodes(latin_spec))
    report = {}
    for locale, sets in SETS.items():
        files = sorted(glob.glob(os.path.join(dist, f"tabi-font-{locale}-[0-9][0-9][0-9].*.otf")))
        covered = set(latin)
        for path in files:
            covered |= set(TTFont(path, lazy=True).getBestCmap().keys())
        entry = {"slices": len(files), "bytes": sum(os.path.getsize(p) for p in files), "sets": {}}
        for name, chars in {**sets, "full-width forms": FULLWIDTH, "CJK punctuation": CJK_PUNCTUATION}.items():
            missing = sorted(chars - covered)
            entry["sets"][name] = {"size": len(chars), "covered": len(chars) - len(missing),
                                   "percent": round(100 * (len(chars) - len(missing)) / len(chars), 3),
                                   "missing": "".join(chr(c) for c in missing[:40])}
        report[locale] = entry
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
