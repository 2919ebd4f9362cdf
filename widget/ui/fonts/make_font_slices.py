#!/usr/bin/python3
"""Build-time font step for one CJK locale: cut Noto Sans CJK (Debian's fonts-noto-cjk) into slices, the way web
font services split CJK fonts by unicode-range, so a widget fetches only the slices that hold what it must draw.

  slice 00  every character of the locale's messages and the sample catalogue: the first frame's font.
  slice 01  CJK punctuation and full-width forms (an IME types full-width digits and letters).
  02 ...    the rest of the locale's everyday set, most frequent characters first, SLICE_SIZE characters each.

Everyday sets (each covered whole): GB 2312 for zh-Hans, Big5's common characters (A140-C67E) for zh-Hant,
JIS X 0208 with kana for ja, KS X 1001 (hangul, hanja, symbols) for ko; and for the three that are not Japanese,
the level 1 kanji of JIS X 0208 too (Japan's place names), in that locale's glyph forms. Frequencies come from the Unihan
database in Debian's unicode-data: kHanyuPinlu (counts in Xiandai Hanyu Pinlu Cidian, simplified and traditional
forms alike), kFrequency (traditional, Usenet), kJoyoKanji / kJinmeiyoKanji, kTGH (general standard characters
2013), kKoreanEducationHanja. Hangul syllables have no frequency there: they are ranked by how often their
initial, vowel and final jamo occur in the Korean messages (a syllable's likelihood as the product of its three).

Characters of the widget's built-in Latin font (LATIN, TABI_LATIN_UNICODES) are left out: the atlas takes them
from that font first. Each slice is written as tabi-font-LOCALE-NN.HASH.otf (content hash, so a release never
changes the bytes behind a name) and OUT_DIR/tabi-fonts-LOCALE.json lists, per slice, its Subresource Integrity
value (SHA-256, whose hex digits name the file) and its characters (see encode_chars):
  {"locale": "zh-Hans", "slices": [["sha256-…", "<characters>"], …]}

usage: make_font_slices.py OUT_DIR FONT.ttc FACE LOCALE LATIN_UNICODES MESSAGES.json SAMPLE_CATALOG.json
"""
import base64
import bz2
import codecs  # noqa: F401  (the CJK codecs below come with it)
import glob
import hashlib
import io
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset
from fontTools.ttLib import TTFont

from make_font_subset import catalogue_text, subset_font, subset_noto

UNIHAN_DIR = "/usr/share/unicode"


def double_byte_set(codec: str, leads, trails, last=0xFFFF) -> set:
    """The characters a double-byte code page maps (one per code point pair), up to the pair `last`."""
    out = set()
    for a in leads:
        for b in trails:
            if (a << 8 | b) > last:
                continue
            try:
                c = bytes([a, b]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(c) == 1:
                out.add(c)
    return out


def big5_common() -> set:
    # Symbols and the common characters end at C67E; C6A1 on are extensions.
    return double_byte_set("big5", range(0xA1, 0xC7), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)), last=0xC67E)


def japan_kanji() -> set:
    """JIS X 0208 level 1 kanji (rows 16-47): Japan's place and station names, which a travel blogger writing in
    Chinese or Korean copies as they are (道頓堀, 辻堂, 畑), though some are in neither GB 2312 nor Big5."""
    return double_byte_set("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))


def everyday_set(locale: str) -> set:
    row = range(0xA1, 0xFF)
    if locale == "zh-Hans":
        return double_byte_set("gb2312", range(0xA1, 0xF8), row) | japan_kanji()
    if locale == "zh-Hant":
        return big5_common() | japan_kanji()
    if locale == "ja":
        return double_byte_set("euc_jp", range(0xA1, 0xF5), row)  # rows 1-84: JIS X 0208 (no JIS X 0212)
    if locale == "ko":
        return double_byte_set("euc_kr", range(0xA1, 0xFE), row) | japan_kanji()
    raise SystemExit(f"make_font_slices: no everyday set for {locale}")


def forms() -> set:
    """CJK symbols and punctuation, full-width ASCII and the full-width signs (U+FFE0-FFE6)."""
    return {chr(c) for c in list(range(0x3000, 0x3040)) + list(range(0xFF01, 0xFF5F)) + list(range(0xFFE0, 0xFFE7))}


def read_unihan(fields) -> dict:
    out = {f: {} for f in fields}
    for path in sorted(glob.glob(os.path.join(UNIHAN_DIR, "Unihan_*.txt.bz2"))):
        with bz2.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                code, field, value = line.rstrip("\n").split("\t", 2)
                if field in out:
                    out[field][chr(int(code[2:], 16))] = value
    return out


def is_han(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def is_kana(c: str) -> bool:
    return 0x3040 <= ord(c) <= 0x30FF


def is_hangul(c: str) -> bool:
    return 0xAC00 <= ord(c) <= 0xD7A3


def hangul_jamo(c: str):
    index = ord(c) - 0xAC00
    return index // 588, (index % 588) // 28, index % 28


def rank_key(locale: str, unihan: dict, messages_text: str):
    """A sort key: smaller is more frequent, as far as the data tells."""
    pinlu = {c: sum(int(n) for n in re.findall(r"\((\d+)\)", v)) for c, v in unihan["kHanyuPinlu"].items()}
    simplified = {c: v.split()[0][2:] for c, v in unihan["kSimplifiedVariant"].items()}

    def count(c: str) -> int:
        """kHanyuPinlu's count of the character, or of its simplified form (traditional and Japanese forms)."""
        if c in pinlu:
            return pinlu[c]
        s = simplified.get(c)
        return pinlu.get(chr(int(s, 16)), 0) if s else 0

    def tgh(c: str) -> int:
        v = unihan["kTGH"].get(c)
        return int(v.split(":")[1]) if v else 99999

    def frequency(c: str) -> int:
        return int(unihan["kFrequency"].get(c, 9))

    jamo_counts = [{}, {}, {}]
    for c in messages_text:
        if is_hangul(c):
            for part, value in zip(jamo_counts, hangul_jamo(c)):
                part[value] = part.get(value, 0) + 1

    def hangul_likelihood(c: str) -> float:
        p = 1.0
        for part, value in zip(jamo_counts, hangul_jamo(c)):
            total = sum(part.values()) or 1
            p *= (part.get(value, 0) + 0.5) / total
        return p

    def key(c: str):
        if locale == "zh-Hans":
            tier = 0 if is_han(c) else 2
            return (tier, -count(c), tgh(c), ord(c))
        if locale == "zh-Hant":
            tier = 0 if is_han(c) else 2
            return (tier, -count(c), frequency(c), int(unihan["kGradeLevel"].get(c, 9)), ord(c))
        if locale == "ja":
            if is_kana(c):
                return (0, 0, 0, ord(c))
            if not is_han(c):
                return (3, 0, 0, ord(c))
            joyo = 0 if c in unihan["kJoyoKanji"] else 1 if c in unihan["kJinmeiyoKanji"] else 2
            return (1 if joyo < 2 else 2, -count(c), joyo, ord(c))
        if locale == "ko":
            if is_hangul(c):
                return (0, -hangul_likelihood(c), ord(c))
            if is_han(c):
                return (1 if c in unihan["kKoreanEducationHanja"] else 2, -count(c), ord(c))
            return (3, 0, ord(c))
        raise SystemExit(f"make_font_slices: no ranking for {locale}")

    return key


# Characters per frequency slice. A host's plan names add characters of middle frequency (ranks ~300-3000 after
# our messages), sparse in any ranking, so each slice fetched is mostly paid for characters nobody asked for;
# each file also costs ~0.5 KB of font tables. Estimated on a blogger's zh-Hans plan names (164 characters
# outside our messages): 1 per file ~96 KB, 10 ~200 KB, 32 ~300 KB, 80 ~460 KB; below 32 the files and the
# index (one integrity value per slice, fetched with the first frame) multiply.
SLICE_SIZE = 32


def cmap_of(font_bytes: bytes) -> set:
    return set(TTFont(io.BytesIO(font_bytes), lazy=True).getBestCmap().keys())


# Code points as text: each the difference from the previous one (from 0), in base 32, most significant digit
# first; the last digit of a number from DIGITS_LAST, the others from DIGITS_MORE. Frequency slices scatter
# their characters over the whole CJK block, where runs ("4e00-4e05") save nothing: this is 40 % of a hex list.
# Read by widget/ui/font_slices.cpp.
DIGITS_LAST = "0123456789abcdefghijklmnopqrstuv"
DIGITS_MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz_$"


def encode_chars(codes) -> str:
    out = []
    previous = 0
    for code in sorted(codes):
        delta = code - previous
        previous = code
        digits = []
        while True:
            digits.append(delta & 31)
            delta >>= 5
            if not delta:
                break
        digits.reverse()
        out.append("".join(DIGITS_MORE[d] for d in digits[:-1]) + DIGITS_LAST[digits[-1]])
    return "".join(out)


def sri(data: bytes) -> str:
    """SHA-256: the index holds one per slice (fetched with the first frame), and the file's name is its first
    ten hex digits, so the index needs no names."""
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def cut(job):
    source_bytes, codes = job
    # The source is the locale's face already cut to its whole set: parsing it is quick.
    return subset_font(TTFont(io.BytesIO(source_bytes), lazy=False, recalcTimestamp=False), codes)


def main() -> None:
    out_dir, font_path, face, locale, latin_unicodes, messages_path, sample_path = sys.argv[1:8]
    latin = set(subset.parse_unicodes(latin_unicodes))
    with open(messages_path, encoding="utf-8") as f:
        messages_text = f.read()
    with open(sample_path, encoding="utf-8") as f:
        sample_text = catalogue_text(json.load(f), locale)

    whole = everyday_set(locale) | forms() | set(messages_text) | set(sample_text)
    source = subset_noto(font_path, face, sorted(ord(c) for c in whole if ord(c) >= 0x20))
    available = cmap_of(source) - latin
    base = {ord(c) for c in set(messages_text) | set(sample_text)} & available
    punctuation = {ord(c) for c in forms()} & available - base
    unihan = read_unihan(["kHanyuPinlu", "kFrequency", "kGradeLevel", "kJoyoKanji", "kJinmeiyoKanji", "kTGH",
                          "kKoreanEducationHanja", "kSimplifiedVariant"])
    key = rank_key(locale, unihan, messages_text)
    rest = sorted((chr(c) for c in available - base - punctuation), key=key)

    slices = [sorted(base), sorted(punctuation)]
    for i in range(0, len(rest), SLICE_SIZE):
        slices.append(sorted(ord(c) for c in rest[i:i + SLICE_SIZE]))

    os.makedirs(out_dir, exist_ok=True)
    for old in glob.glob(os.path.join(out_dir, f"tabi-font-{locale}-*.otf")):  # a rebuild leaves no stale slice
        os.remove(old)
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        fonts = list(pool.map(cut, [(source, codes) for codes in slices]))
    index = []
    files = []
    total = 0
    for n, (codes, data) in enumerate(zip(slices, fonts)):
        name = f"tabi-font-{locale}-{n:03d}.{hashlib.sha256(data).hexdigest()[:10]}.otf"
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
        index.append([sri(data), encode_chars(codes)])
        files.append(f"{name} {sri(data)} {len(data)}\n")
        total += len(data)
    # For the release step (wasm/fingerprint.cmake): the files to ship, their integrity and size, slice 000 first.
    with open(os.path.join(out_dir, f"tabi-fonts-{locale}.files"), "w", encoding="ascii") as f:
        f.writelines(files)
    missing = sorted(ord(c) for c in whole if ord(c) >= 0x20 and ord(c) not in latin and ord(c) not in available)
    with open(os.path.join(out_dir, f"tabi-fonts-{locale}.json"), "w", encoding="utf-8") as f:
        json.dump({"locale": locale, "slices": index}, f, separators=(",", ":"))
    print(f"{locale}: {len(slices)} slices, {sum(len(s) for s in slices)} characters, {total} bytes; "
          f"slice 00 {len(slices[0])} characters; not in the face: {len(missing)}")


if __name__ == "__main__":
    main()
