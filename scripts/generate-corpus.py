#!/usr/bin/env python3
"""Build a corpus of commune plans from the five seeds in examples/.

Each generated plan is one seed with another commune's name, another document
number and date (when the seed has them), and a random subset of known defects
injected. A manifest (manifest.json) lists every plan with what was injected
and the 1-based line where it ended up, so tests can check that rasoat finds it.

Deterministic: the same --seed and --count give byte-identical output.
Standard library only.

    python3 scripts/generate-corpus.py --count 120 --out target/corpus --seed 7
"""

import argparse
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Seed file, its commune kind, and its commune name as written in the seed.
SEEDS = [
    ("000-xa-chi-minh-2026.txt", "xã", "Chí Minh"),
    ("001-xa-kien-hung-2026.txt", "xã", "Kiến Hưng"),
    ("002-xa-nghia-trung-2026.txt", "xã", "Nghĩa Trung"),
    ("003-phuong-chi-linh-2026.txt", "phường", "Chí Linh"),
    ("004-xa-ha-dong-noi-vu-2030.txt", "xã", "Hà Đông"),
]

# Syllables of place names; pairs give 3,000+ distinct commune names.
SYLLABLES = """An Bảo Bình Cát Cẩm Chánh Chí Đại Đan Định Đông Đức Gia Giang Hà Hải Hạnh
Hòa Hồng Hưng Hương Khánh Kiến Kim Lạc Lâm Lập Liên Linh Long Minh Mỹ Nam Nghĩa Ngọc
Nhân Phong Phú Phúc Phước Quang Quảng Quý Sơn Tân Thạch Thái Thanh Thành Thịnh Thuận
Thủy Tiên Toàn Trung Trường Tường Văn Vinh Vĩnh Xuân Yên""".split()

DEFECTS = ["slip", "numbering-gap", "wrong-year", "target-le", "deleted-row"]

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
ROMAN_HEADING = re.compile(r"^((?:#+\s*)?(?:\*\*)?)([IVX]+)(\.\s)")
APPENDIX = re.compile(r"^(?:\*\*)?(?:PHỤ LỤC|Phụ lục)")
INDICATOR_ROW = re.compile(r"^(\d+)(\.?\t)(.*%.*)$")


def commune_names(count, rng):
    """`count` distinct two-syllable names, in a seeded random order."""
    pairs = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
    if count > len(pairs):
        sys.exit(f"at most {len(pairs)} distinct commune names")
    rng.shuffle(pairs)
    return pairs[:count]


def slug(text):
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Plan:
    """The lines of one plan being generated, and the defects injected."""

    def __init__(self, text):
        self.lines = text.split("\n")
        self.defects = []

    def record(self, kind, index, before, after):
        self.defects.append({"kind": kind, "index": index, "before": before, "after": after})

    def insert(self, index, line):
        self.lines.insert(index, line)
        for defect in self.defects:
            if defect["index"] >= index:
                defect["index"] += 1

    def delete(self, index):
        del self.lines[index]
        for defect in self.defects:
            if defect["index"] > index:
                defect["index"] -= 1

    def body_end(self):
        """Index of the first appendix line (defects stay in the plan body)."""
        for i, line in enumerate(self.lines):
            if APPENDIX.match(line):
                return i
        return len(self.lines)

    def text(self):
        return "\n".join(self.lines)


def rename(text, old, new):
    """Replace the seed's commune name (also in capitals), not `Hồ Chí Minh`."""
    text = re.sub(r"(?<!Hồ )" + re.escape(old), new, text)
    return text.replace(old.upper(), new.upper())


def vary_number_and_date(plan, rng):
    """A new document number; a draft's blank day filled in. Returns (number, date)."""
    number = rng.randint(1, 400)
    written = f"{number:02d}"
    day = f"{rng.randint(1, 28):02d}"
    for i, line in enumerate(plan.lines[:15]):
        if line.startswith("Số:"):
            plan.lines[i] = re.sub(r"^Số:\s*\d*/", f"Số: {written}/", line)
        match = re.search(r"ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm (\d{4})", plan.lines[i])
        if match:
            month = match.group(2) or appendix_month(plan) or "01"
            if month in ("1", "2"):
                month = "0" + month
            filled = f"ngày {day} tháng {month} năm {match.group(3)}"
            plan.lines[i] = plan.lines[i][: match.start()] + filled + plan.lines[i][match.end() :]
            return f"{written}/KH-UBND", f"{day}/{month}/{match.group(3)}"
    return None, None


def appendix_month(plan):
    """The month an appendix's `(Kèm theo Kế hoạch số … ngày /4/2026 …)` gives a blank date line."""
    for line in plan.lines:
        found = re.search(r"Kèm theo Kế hoạch số [^ ]* ngày\s*\d*/(\d+)/\d{4}", line)
        if found:
            return found.group(1)
    return None


def inject_slip(plan, rng, _context):
    candidates = [i for i, line in enumerate(plan.lines[: plan.body_end()]) if "hạ tầng" in line]
    if not candidates:
        return
    i = rng.choice(candidates)
    before = plan.lines[i]
    plan.lines[i] = before.replace("hạ tầng", "hạ tăng", 1)
    plan.record("slip", i, "hạ tầng", "hạ tăng")


def inject_numbering_gap(plan, _rng, _context):
    """The last Roman heading of the body skips a number (V. → VI. after IV.)."""
    headings = [
        (i, m) for i, line in enumerate(plan.lines[: plan.body_end()]) if (m := ROMAN_HEADING.match(line))
    ]
    if len(headings) < 2:
        return
    (_, previous), (i, last) = headings[-2], headings[-1]
    if previous.group(2) not in ROMAN or last.group(2) not in ROMAN:
        return
    position = ROMAN.index(last.group(2))
    if ROMAN.index(previous.group(2)) != position - 1 or position + 1 >= len(ROMAN):
        return
    line = plan.lines[i]
    plan.lines[i] = last.group(1) + ROMAN[position + 1] + line[len(last.group(1)) + len(last.group(2)) :]
    plan.record("numbering-gap", i, last.group(2), ROMAN[position + 1])


def inject_wrong_year(plan, _rng, context):
    """A task for last year's National Digital Transformation Day."""
    body_end = plan.body_end()
    tasks = [i for i, line in enumerate(plan.lines[:body_end]) if ROMAN_HEADING.match(line) and "NHIỆM VỤ" in line]
    if not tasks:
        return
    wrong = context["year"] - 1
    line = (
        f"- Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm {wrong} "
        f"trên địa bàn {context['kind']} {context['name']}."
    )
    at = tasks[-1] + 1
    plan.insert(at, line)
    plan.record("wrong-year", at, "", f"Ngày Chuyển đổi số quốc gia năm {wrong}")


def inject_target_le(plan, rng, _context):
    """A `≥` target turned into `≤` (the seed 000 typo)."""
    candidates = []
    for i, line in enumerate(plan.lines[: plan.body_end()]):
        if "\t" in line and INDICATOR_ROW.match(line):
            last = line.rsplit("\t", 1)[-1]
            if "≥" in last:
                candidates.append(i)
    if not candidates:
        return
    i = rng.choice(candidates)
    head, last = plan.lines[i].rsplit("\t", 1)
    plan.lines[i] = head + "\t" + last.replace("≥", "≤", 1)
    plan.record("target-le", i, "≥", "≤")


def inject_deleted_row(plan, rng, _context):
    """An indicator row removed; the rows after it in its group renumbered."""
    lines = plan.lines
    candidates = []
    for i, line in enumerate(lines[: plan.body_end() - 1]):
        this, following = INDICATOR_ROW.match(line), INDICATOR_ROW.match(lines[i + 1])
        if this and following and int(following.group(1)) == int(this.group(1)) + 1:
            candidates.append(i)
    if not candidates:
        return
    i = rng.choice(candidates)
    deleted = lines[i]
    number = int(INDICATOR_ROW.match(deleted).group(1))
    plan.delete(i)
    j = i
    while j < len(lines) and (row := INDICATOR_ROW.match(lines[j])) and int(row.group(1)) == number + (j - i) + 1:
        lines[j] = str(int(row.group(1)) - 1) + lines[j][len(row.group(1)) :]
        j += 1
    name = deleted.split("\t")[1] if "\t" in deleted else deleted
    plan.record("deleted-row", i, name.strip(), "")


INJECTORS = {
    "slip": inject_slip,
    "numbering-gap": inject_numbering_gap,
    "wrong-year": inject_wrong_year,
    "target-le": inject_target_le,
    "deleted-row": inject_deleted_row,
}


def generate(count, out, seed, rate):
    rng = random.Random(seed)
    seeds = [(name, kind, old, (ROOT / "examples" / name).read_text(encoding="utf-8")) for name, kind, old in SEEDS]
    names = commune_names(count, rng)
    out.mkdir(parents=True, exist_ok=True)
    manifest = {"seed": seed, "count": count, "defect_rate": rate, "plans": []}
    for index, name in enumerate(names, start=1):
        seed_file, kind, old, text = seeds[(index - 1) % len(seeds)]
        year = int(re.search(r"(\d{4})\.txt$", seed_file).group(1))
        year = 2026 if year == 2030 else year
        plan = Plan(rename(text, old, name))
        number, date = (None, None)
        if rng.random() < 0.7:
            number, date = vary_number_and_date(plan, rng)
        context = {"kind": kind, "name": name, "year": year}
        for defect in DEFECTS:
            if rng.random() < rate:
                INJECTORS[defect](plan, rng, context)
        kind_slug = "dac-khu" if kind == "đặc khu" else slug(kind)
        file_name = f"{index:04d}-{kind_slug}-{slug(name)}-{seed_file[:3]}.txt"
        (out / file_name).write_text(plan.text(), encoding="utf-8")
        manifest["plans"].append(
            {
                "file": file_name,
                "seed": seed_file,
                "commune": f"{kind} {name}",
                "number": number,
                "date": date,
                "defects": [
                    {"kind": d["kind"], "line": d["index"] + 1, "before": d["before"], "after": d["after"]}
                    for d in plan.defects
                ],
            }
        )
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=120, help="number of plans (default 120)")
    parser.add_argument("--out", type=Path, default=ROOT / "target" / "corpus", help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--defect-rate", type=float, default=0.35, help="chance of each defect per plan")
    args = parser.parse_args()
    manifest = generate(args.count, args.out, args.seed, args.defect_rate)
    injected = sum(len(p["defects"]) for p in manifest["plans"])
    print(f"{args.count} plans, {injected} injected defects → {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
