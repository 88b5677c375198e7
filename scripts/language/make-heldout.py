#!/usr/bin/env python3
"""Build the held-out language-identification set fixtures/data/language/heldout.jsonl.

Usage (from the repository root, after installing the packages below with apt-get):

    scripts/language/make-heldout.py [OUT_JSONL]      (default fixtures/data/language/heldout.jsonl)

Real sentences from Debian packages (bookworm), never from Wikipedia (the source
of the langdetect profiles). Versions used (`dpkg-query -W`):

    manpages 6.03-2 (English; licences per /usr/share/doc/manpages/copyright)
    manpages-cs manpages-da manpages-de manpages-es manpages-fi manpages-fr
    manpages-id manpages-it manpages-mk manpages-nb manpages-nl manpages-pt-br
    manpages-ro manpages-ru manpages-sv manpages-uk manpages-vi 4.18.1-1,
    manpages-hu manpages-pl 1:4.18.1-1 (manpages-l10n, GPL-3.0-or-later)
    manpages-tr 2.0.6-2 (Turkish Linux Documentation WG, GNU GPL)
    fortunes-bg 1.4, fortunes-br 20220821, fortunes-cs 2.0.9-1.1, fortunes-de 0.35-1,
    fortunes-es 1.36, fortunes-it 1.99-4.1, fortunes-pl 0.0.20130525-3,
    fortunes-ru 1.52-3.1, fortunes-min 1:1.99.1-7.3

Labels are langdetect's codes: manpages-nb -> "no", manpages-pt-br and fortunes-br
-> "pt", fortunes-cs's file klasik-sk (Slovak) -> "sk", the rest of fortunes-cs -> "cs".

Files: every regular, non-empty file the package installs (`dpkg -L`) under
/usr/share/man (man pages, gzip) or /usr/share/games/fortunes (fortune files; *.dat
and the ROT13-encoded offensive files in .../off/ skipped; a file X is skipped
when X.u8 is also a regular, non-empty file), read as UTF-8
(files that are not UTF-8 are skipped and counted).

Man pages: requests (lines starting with '.' or "'") are dropped, except that the
arguments of the font macros (.B .I .BR .IR ...) are kept as text; .nf/.fi, .EX/.EE,
.TS/.TE, .EQ/.EN, .ig and .de blocks are skipped; every other request, a blank line
ends a paragraph, and a line starting with a space starts one; the tag line after .TP is dropped.
Escapes: \\f fonts, \\s sizes, \\*(xx strings, \\& \\| \\^ \\, \\/ \\% are removed;
\\- is '-', \\(em and friends their characters, \\[uXXXX] the code point.
Fortunes: entries split on '%' lines, attribution lines ("-- Author") dropped,
backspace overstrikes removed, lines joined.

Sentences: a paragraph or fortune is split after '.', '!' or '?' (optionally
followed by a closing quote or bracket) and whitespace, unless the next character
is a lower-case letter; a sentence must end in . ! or ? (closing quote allowed).
Kept if it has 10-40 whitespace words ("long") or 3-9 ("short"), at least 80 % of
its non-space characters are letters (Unicode L*/M*), no token looks like an
option (-x, --foo, after leading quotes or brackets), it has none of
/ = { } [ ] < > | $ _ \\ @ # * ~ % ^ ` &, no "©" or "copyright" (any case;
licence boilerplate, mostly English) and the majority of its letters are in the
label's script. For every label but "en", three tests drop left-over English
(translated man pages keep some paragraphs, titles and messages in English):
(1) the sentence has 3 or more distinct words of {the, of, and, to, is, that, for,
with, this, are, be, by, which, from, or, if, not} (lower-cased, outer punctuation
stripped); (2) at least 2, and at least a quarter, of its words are in ENGLISH_WIDE
(that list plus other English function words, less each label's look-alikes in
COLLIDES, e.g. Dutch "is" and "of"); (3) at least 70 % of its words occur 3 or more
times in the English man pages of the package manpages. (2) and (3) were added
because with (1) alone up to 16 of the 180 rows of a label (hu) were English.
Text is NFC-normalised. Exact duplicates (per label) are dropped, first occurrence kept.

Sampling: per label, a fresh random.Random(2024) draws up to 120 long sentences and
then up to 60 short ones from the candidates in file order (packages, then files in
sorted order). Rows are written by label, long then short, as
{"text", "label", "source": <debian package>, "words": <whitespace word count>}.
Counts per label go to stderr. Same installed packages -> same bytes.
Python 3 standard library only.
"""
import gzip
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

OUT_DEFAULT = "fixtures/data/language/heldout.jsonl"
N_LONG, N_SHORT = 120, 60
SEED = 2024

# (package, kind, label)
SOURCES = [
    ("manpages", "man", "en"),
    ("fortunes-min", "fortune", "en"),
    ("manpages-cs", "man", "cs"),
    ("manpages-da", "man", "da"),
    ("manpages-de", "man", "de"),
    ("manpages-es", "man", "es"),
    ("manpages-fi", "man", "fi"),
    ("manpages-fr", "man", "fr"),
    ("manpages-hu", "man", "hu"),
    ("manpages-id", "man", "id"),
    ("manpages-it", "man", "it"),
    ("manpages-mk", "man", "mk"),
    ("manpages-nb", "man", "no"),
    ("manpages-nl", "man", "nl"),
    ("manpages-pl", "man", "pl"),
    ("manpages-pt-br", "man", "pt"),
    ("manpages-ro", "man", "ro"),
    ("manpages-ru", "man", "ru"),
    ("manpages-sv", "man", "sv"),
    ("manpages-tr", "man", "tr"),
    ("manpages-uk", "man", "uk"),
    ("manpages-vi", "man", "vi"),
    ("fortunes-bg", "fortune", "bg"),
    ("fortunes-br", "fortune", "pt"),
    ("fortunes-cs", "fortune", "cs"),  # klasik-sk -> sk, see label_for
    ("fortunes-de", "fortune", "de"),
    ("fortunes-es", "fortune", "es"),
    ("fortunes-it", "fortune", "it"),
    ("fortunes-pl", "fortune", "pl"),
    ("fortunes-ru", "fortune", "ru"),
]

SCRIPT_OF = {"bg": "CYRILLIC", "mk": "CYRILLIC", "ru": "CYRILLIC", "uk": "CYRILLIC"}

ENGLISH = {"the", "of", "and", "to", "is", "that", "for", "with", "this", "are",
           "be", "by", "which", "from", "or", "if", "not"}

# A wider list of English function words for the second left-over-English test
# (no word that is also common in one of the other labels: a, in, on, as, no, an, do,
# was, also, we, see, die, just, ...), and each label's words that collide with it.
ENGLISH_WIDE = ENGLISH | {
    "you", "your", "will", "can", "may", "should", "would", "it", "its", "when", "has",
    "have", "been", "than", "but", "all", "any", "only", "such", "these", "those", "then",
    "there", "into", "other", "some", "what", "who", "how", "each", "does", "must",
    "more", "they", "their", "after", "before", "between", "both", "same", "new", "one",
    "two", "used", "using", "use", "print", "value", "given", "number", "whether"}
COLLIDES = {"nl": {"is", "of"}, "da": {"for", "by"}, "no": {"for", "by"}, "sv": {"by"},
            "ro": {"are"}, "cs": {"to"}, "pl": {"to"}, "sk": {"to"}}

BAD_CHARS = set("/={}[]<>|$_\\@#*~%^`&")

CHARS = {  # \(xx and \[xx] named characters
    "em": "\u2014", "en": "\u2013", "hy": "-", "aq": "'", "dq": '"', "lq": "\u201c",
    "rq": "\u201d", "oq": "\u2018", "cq": "\u2019", "Fo": "\u00ab", "Fc": "\u00bb",
    "fo": "\u2039", "fc": "\u203a", "bu": "\u2022", "co": "\u00a9", "rg": "\u00ae",
    "tm": "\u2122", "de": "\u00b0", "mu": "\u00d7", "ga": "`", "ti": "~", "ha": "^",
    "rs": "\\", "sl": "/", "ul": "_", "bv": "|", "ba": "|", "lh": "\u261c", "rh": "\u261e",
    "Do": "$", "Eu": "\u20ac", "eu": "\u20ac", "ss": "\u00df", "pl": "+", "mi": "\u2212",
    "<=": "\u2264", ">=": "\u2265", "->": "\u2192", "<-": "\u2190", "==": "\u2261",
    "!=": "\u2260", "+-": "\u00b1", "sc": "\u00a7", "ps": "\u00b6", "dg": "\u2020",
}
STRINGS = {"lq": "\u201c", "rq": "\u201d", "R": "\u00ae", "Tm": "\u2122", "Lq": "\u201c", "Rq": "\u201d"}

FONT_MACROS = {"B", "I", "SM", "SB"}
ALT_MACROS = {"BR", "RB", "IR", "RI", "BI", "IB"}
SKIP_BLOCKS = {"nf": "fi", "EX": "EE", "TS": "TE", "EQ": "EN", "PS": "PE", "ig": "..",
               "de": "..", "am": ".."}


def package_files(pkg):
    out = subprocess.run(["dpkg", "-L", pkg], check=True, capture_output=True, text=True).stdout
    return sorted(set(p for p in out.splitlines() if p))


def run_args(rest):
    """Split a macro's arguments, honouring double quotes."""
    args, cur, inq, i = [], "", False, 0
    while i < len(rest):
        c = rest[i]
        if c == '"':
            if inq and rest[i + 1:i + 2] == '"':
                cur += '"'
                i += 2
                continue
            inq = not inq
        elif c in " \t" and not inq:
            if cur:
                args.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if cur:
        args.append(cur)
    return args


def unescape(s):
    s = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", s)
    s = re.sub(r"\\s(\[[^\]]*\]|\([+-]?\d\d|[+-]?\d)", "", s)
    s = re.sub(r"\\\*(\[([^\]]*)\]|\((..)|(.))",
               lambda m: STRINGS.get(m.group(2) or m.group(3) or m.group(4), ""), s)

    def named(m):
        name = m.group(1) or m.group(2)
        if name.startswith("u") and re.fullmatch(r"u[0-9A-Fa-f]{4,6}", name):
            return chr(int(name[1:], 16))
        return CHARS.get(name, "")

    s = re.sub(r"\\\((..)|\\\[([^\]]*)\]", named, s)
    s = re.sub(r"\\[hvwlLDXoNbxSRZ]'[^']*'", "", s)
    s = re.sub(r"\\[nk](\[[^\]]*\]|\(..|.)", "", s)
    s = s.replace("\\-", "-").replace("\\e", "\\").replace("\\~", " ").replace("\\0", " ")
    s = s.replace("\\ ", " ").replace("\\c", "")
    s = re.sub(r"\\[&|^,/%:!)zd u]", "", s)
    return s


def man_paragraphs(text):
    paras, cur = [], []
    skip_until = None
    drop_next = False

    def flush():
        if cur:
            paras.append(" ".join(cur))
            cur.clear()

    for raw in text.splitlines():
        line = re.sub(r'\\".*$', "", raw).rstrip() if not raw.startswith(("'", ".")) else raw
        if skip_until is not None:
            if re.match(r"^[.']\s*" + re.escape(skip_until) + r"\b", line) or \
                    (skip_until == ".." and line.strip() == ".."):
                skip_until = None
            continue
        if line.startswith((".", "'")):
            m = re.match(r"^[.']\s*(\S*)\s*(.*)$", line)
            name, rest = m.group(1), m.group(2)
            if name.startswith('\\"') or name == "":
                continue
            if name in SKIP_BLOCKS and SKIP_BLOCKS[name]:
                flush()
                skip_until = SKIP_BLOCKS[name]
                continue
            rest = re.sub(r'\\".*$', "", rest)
            if name in FONT_MACROS or name in ALT_MACROS:
                args = run_args(rest)
                if not args:
                    continue  # the font applies to the next line, which is ordinary text
                cur.append((" " if name in FONT_MACROS else "").join(args))
                continue
            flush()
            drop_next = name == "TP" or (name in ("SH", "SS") and not rest.strip())
            continue
        if drop_next:
            drop_next = False
            continue
        if not line.strip() or line.startswith((" ", "\t")):
            flush()
            if not line.strip():
                continue
        if line.endswith("\\c"):
            line = line[:-2]
        cur.append(line.strip())
    flush()
    return [re.sub(r"\s+", " ", unescape(p)).strip() for p in paras]


def fortune_paragraphs(text):
    text = re.sub(".\x08", "", text)
    out = []
    for entry in re.split(r"(?m)^%\s*$", text):
        lines = [ln for ln in entry.splitlines()
                 if not re.match(r"^\s*(--|\u2014|\u2015|\u2013)\s*\S", ln)]
        para = re.sub(r"\s+", " ", " ".join(lines)).strip()
        if para:
            out.append(para)
    return out


SPLIT = re.compile(r"(?<=[.!?])([\"'\u201d\u2019\u00bb\u00ab\u201c)]?)\s+(?=[^\s])")


def sentences(para):
    out, start = [], 0
    for m in SPLIT.finditer(para):
        nxt = para[m.end():m.end() + 1]
        if nxt.islower():
            continue
        out.append(para[start:m.start(1) + len(m.group(1))])
        start = m.end()
    out.append(para[start:])
    return [s.strip() for s in out if re.search(r"[.!?][\"'\u201d\u2019\u00bb\u00ab)]?$", s.strip())]


def script_of_char(ch):
    name = unicodedata.name(ch, "")
    for s in ("LATIN", "CYRILLIC", "ARABIC", "DEVANAGARI"):
        if name.startswith(s):
            return s
    return None


def tokens(text):
    return [t for t in (re.sub(r"^\W+|\W+$", "", w.lower()) for w in text.split()) if t]


def english_vocabulary():
    """Words (lower-cased, outer punctuation stripped) seen 3 or more times in the
    English man pages of the package manpages."""
    counts = {}
    for path in package_files("manpages"):
        if path.startswith("/usr/share/man/") and path.endswith(".gz") and os.path.isfile(path) \
                and not os.path.islink(path):
            for para in man_paragraphs(gzip.open(path).read().decode("utf-8")):
                for t in tokens(para):
                    counts[t] = counts.get(t, 0) + 1
    return {w for w, c in counts.items() if c >= 3}


def keep(sentence, label, stats, en_vocab):
    words = sentence.split()
    n = len(words)
    if not (3 <= n <= 40):
        return None
    nonspace = [c for c in sentence if not c.isspace()]
    letters = [c for c in nonspace if unicodedata.category(c)[0] in "LM"]
    if len(letters) < 0.8 * len(nonspace):
        stats["not letters"] += 1
        return None
    if any(c in BAD_CHARS for c in sentence):
        stats["code chars"] += 1
        return None
    if "\u00a9" in sentence or "copyright" in sentence.lower():
        stats["copyright"] += 1
        return None
    for w in words:
        w = w.lstrip("\"'(\u00ab\u00bb\u201c\u201e\u2018")
        if re.match(r"^-{1,2}\w", w):
            stats["option"] += 1
            return None
    scripts = {}
    for c in letters:
        s = script_of_char(c)
        if s:
            scripts[s] = scripts.get(s, 0) + 1
    want = SCRIPT_OF.get(label, "LATIN")
    if scripts.get(want, 0) * 2 <= sum(scripts.values()):
        stats["other script"] += 1
        return None
    if label != "en":
        toks = [re.sub(r"^\W+|\W+$", "", w.lower()) for w in words]
        if len(set(toks) & ENGLISH) >= 3:
            stats["english"] += 1
            return None
        wide = ENGLISH_WIDE - COLLIDES.get(label, set())
        hits = sum(1 for t in toks if t in wide)
        if hits >= 2 and hits >= 0.25 * len(toks):
            stats["english (wide)"] += 1
            return None
        toks = tokens(sentence)
        if sum(1 for t in toks if t in en_vocab) >= 0.7 * len(toks):
            stats["english (vocabulary)"] += 1
            return None
    return n


def label_for(pkg, label, path):
    if pkg == "fortunes-cs" and os.path.basename(path).startswith("klasik-sk"):
        return "sk"
    return label


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else OUT_DEFAULT
    pools = {}  # label -> {"long": [(text, pkg)], "short": [...], "seen": set()}
    stats = {}
    en_vocab = english_vocabulary()
    for pkg, kind, label in SOURCES:
        files = package_files(pkg)
        regular = [p for p in files if os.path.isfile(p) and not os.path.islink(p)]
        regset = set(regular)
        for path in regular:
            if kind == "man":
                if not path.startswith("/usr/share/man/") or not path.endswith(".gz"):
                    continue
            else:
                if not path.startswith("/usr/share/games/fortunes/") or path.endswith(".dat") or "/off/" in path:
                    continue
                if path + ".u8" in regset and os.path.getsize(path + ".u8") > 0:
                    continue
            if os.path.getsize(path) == 0:
                continue
            lab = label_for(pkg, label, path)
            st = stats.setdefault(lab, {k: 0 for k in ("files", "non-utf8 files", "sentences", "not letters",
                                                        "code chars", "copyright", "option", "other script", "english", "english (wide)", "english (vocabulary)",
                                                        "duplicate")})
            raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                st["non-utf8 files"] += 1
                continue
            st["files"] += 1
            paras = man_paragraphs(text) if kind == "man" else fortune_paragraphs(text)
            pool = pools.setdefault(lab, {"long": [], "short": [], "seen": set()})
            for para in paras:
                for s in sentences(para):
                    s = unicodedata.normalize("NFC", s)
                    n = len(s.split())
                    if not 3 <= n <= 40:
                        continue
                    st["sentences"] += 1
                    n = keep(s, lab, st, en_vocab)
                    if n is None:
                        continue
                    if s in pool["seen"]:
                        st["duplicate"] += 1
                        continue
                    pool["seen"].add(s)
                    pool["long" if n >= 10 else "short"].append((s, pkg, n))

    rows = []
    for lab in sorted(pools):
        rng = random.Random(SEED)
        pool = pools[lab]
        longs = rng.sample(pool["long"], min(N_LONG, len(pool["long"])))
        shorts = rng.sample(pool["short"], min(N_SHORT, len(pool["short"])))
        for text, pkg, n in longs + shorts:
            rows.append({"text": text, "label": lab, "source": pkg, "words": n})
        st = stats[lab]
        print(f"{lab}: candidates long {len(pool['long'])} short {len(pool['short'])}; kept {len(longs)} + {len(shorts)}; "
              + ", ".join(f"{k} {v}" for k, v in st.items()), file=sys.stderr)
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{out_path}: {len(rows)} rows, {os.path.getsize(out_path)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
