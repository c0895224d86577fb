#!/usr/bin/env python3
"""Re-create NotoSansSC-Regular-subset.otf from Debian's fonts-noto-cjk package.

Usage:
    apt-get update && apt-get download fonts-noto-cjk     # 1:20220127+repack1-1
    dpkg-deb -x fonts-noto-cjk_*_all.deb pkg
    pip install fonttools brotli                          # tested with fonttools 4.68.0
    python3 subset.py pkg/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        NotoSansSC-Regular-subset.otf [--no-big5] [--no-jis] [--no-hangul]

The .ttc holds ten faces; face index 2 is "Noto Sans CJK SC" (Simplified
Chinese glyph forms), the one taken here. The result is a single CID-keyed
CFF OpenType file (.otf), which egui (skrifa / ab_glyph) can load; .ttc and
woff2 cannot be used by egui.
"""
import argparse
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SC_FACE_INDEX = 2  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK, 5-9 Mono variants


def decode_rows(codec, his, los, last=None):
    """Every character a double-byte `codec` decodes from lead bytes `his` and trail bytes `los` (up to `last`)."""
    out = set()
    for hi in his:
        for lo in los:
            if last is not None and (hi, lo) > last:
                continue
            try:
                out.add(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                pass
    return out


def gb2312_chars():
    """Every character of GB2312 (symbols rows 1-9 and both hanzi levels, rows 16-87)."""
    return decode_rows("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


def big5_level1_chars():
    """Big5 level-1 (frequently used) hanzi, 0xA440-0xC67E: common Traditional."""
    los = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    return decode_rows("big5", range(0xA4, 0xC7), los, last=(0xC6, 0x7E))


def jis_level1_chars():
    """JIS X 0208 level-1 kanji (rows 16-47; EUC-JP 0xB0A1-0xCFD3): common Japanese kanji."""
    return decode_rows("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))


def ksx1001_hangul_chars():
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR 0xB0A1-0xC8FE): the Korean in everyday text."""
    return decode_rows("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))


def wanted_codepoints(big5=True, jis=True, hangul=True):
    cps = set()
    ranges = [
        (0x0020, 0x007E),  # ASCII
        (0x00A0, 0x00FF),  # Latin-1 Supplement
        (0x2000, 0x206F),  # General Punctuation
        (0x3000, 0x303F),  # CJK Symbols and Punctuation
        (0x3040, 0x30FF),  # Hiragana + Katakana
        (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    ]
    for a, b in ranges:
        cps.update(range(a, b + 1))
    cps.update(ord(c) for c in gb2312_chars())
    cps.update(ord(c) for c in "词元令牌代币通证")
    if big5:
        cps.update(ord(c) for c in big5_level1_chars())
    if jis:
        cps.update(ord(c) for c in jis_level1_chars())
    if hangul:
        cps.update(range(0x3130, 0x318F + 1))  # Hangul Compatibility Jamo
        cps.update(ord(c) for c in ksx1001_hangul_chars())
    return cps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src", help="NotoSansCJK-Regular.ttc from fonts-noto-cjk")
    ap.add_argument("dst", help="output .otf")
    ap.add_argument("--no-big5", dest="big5", action="store_false",
                    help="leave out Big5 level-1 hanzi (common Traditional)")
    ap.add_argument("--no-jis", dest="jis", action="store_false",
                    help="leave out JIS X 0208 level-1 kanji (common Japanese)")
    ap.add_argument("--no-hangul", dest="hangul", action="store_false",
                    help="leave out KS X 1001 Hangul syllables and compatibility jamo (Korean)")
    args = ap.parse_args()

    # recalcTimestamp=False keeps head.modified from the source, so re-runs are byte-identical
    font = TTFont(args.src, fontNumber=SC_FACE_INDEX, recalcTimestamp=False)
    assert font["name"].getDebugName(4) == "Noto Sans CJK SC", font["name"].getDebugName(4)
    cmap = font.getBestCmap()
    want = wanted_codepoints(args.big5, args.jis, args.hangul)
    missing = sorted(cp for cp in want if cp not in cmap)
    unicodes = sorted(cp for cp in want if cp in cmap)

    opts = subset.Options()
    opts.hinting = False              # drop CFF hints (egui does not use them)
    opts.desubroutinize = False       # keep CFF subroutines: smaller file
    opts.name_IDs = ["*"]             # keep copyright, trademark, licence, URLs
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.drop_tables += ["VORG", "vhea", "vmtx"]  # vertical metrics: unused by egui
    # egui does no OpenType shaping, so GSUB alternates (locl JP/KR/TC forms,
    # vert, jp78, ...) would only add unreachable glyphs (they nearly double the
    # glyph count). Keep only pair kerning, which adds no glyphs.
    opts.layout_features = ["kern"]

    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)

    font.save(args.dst)
    print(f"kept {len(unicodes)} code points, {len(font.getGlyphOrder())} glyphs -> {args.dst}")
    if missing:
        print(f"{len(missing)} requested code points not in the source font: "
              + " ".join(f"U+{cp:04X}" for cp in missing), file=sys.stderr)


if __name__ == "__main__":
    main()
