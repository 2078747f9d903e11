#!/usr/bin/env python3
"""Build the .docx test documents under tests/fixtures/docx/.

* seeds/NAME.docx: every examples/*.txt plan as a Word document made with
  python-docx (PyPI `python-docx`, tested with 1.2.0): one paragraph per line
  (a blank line is an empty paragraph), consecutive lines with the same number
  of tabs become one table (one row per line, one cell per field). Reading the
  .docx back must give the text of the plan, so the findings can be compared.
* hand/*.docx: small packages written directly as WordprocessingML (only
  Python's zipfile) for the features python-docx cannot produce: automatic
  numbering, merged cells, tracked changes, equations, legacy fonts.

Rerunnable: entries get a fixed timestamp, so unchanged inputs give
unchanged files.  Usage: pip install python-docx && python3 scripts/make-docx.py
"""

import io
import pathlib
import zipfile

import docx

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "docx"
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Same entries, fixed timestamps: the output depends on the input only."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def seed_to_docx(text: str) -> bytes:
    document = docx.Document()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last paragraph
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        tabs = line.count("\t")
        if tabs == 0:
            document.add_paragraph(line)
            i += 1
            continue
        rows = []
        while i < len(lines) and lines[i].count("\t") == tabs:
            rows.append(lines[i].rstrip("\r").split("\t"))
            i += 1
        table = document.add_table(rows=len(rows), cols=tabs + 1)
        for r, fields in enumerate(rows):
            for c, field in enumerate(fields):
                # A new cell holds one empty paragraph; fill it rather than add one.
                if field:
                    table.cell(r, c).paragraphs[0].add_run(field)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="LegacyBody"><w:name w:val="Legacy body"/><w:basedOn w:val="Normal"/>
  <w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def para(text: str = "", num=None, style=None, runs=None) -> str:
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props = f"<w:pPr>{props}</w:pPr>" if props else ""
    body = runs if runs is not None else (f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else "")
    return f"<w:p>{props}{body}</w:p>"


def cell(content: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content if content.startswith('<w:p') else para(content)}</w:tc>"


def package(body: str) -> bytes:
    document = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W} {M}><w:body>{body}<w:sectPr/></w:body></w:document>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/document.xml", document),
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", STYLES),
        ]:
            z.writestr(zipfile.ZipInfo(name, FIXED_TIME), data.encode("utf-8"))
    return out.getvalue()


def hand_built() -> dict:
    numbering = "".join([
        para("KẾ HOẠCH"),
        para("Chuyển đổi số xã Mẫu năm 2026"),
        para("MỤC TIÊU", style="Heading1"),
        para("Mục tiêu chung", num=(1, 1)),
        para("Mục tiêu cụ thể", num=(1, 1)),
        para("Hạ tầng số;", num=(1, 2)),
        para("Dữ liệu số;", num=(1, 2)),
        para("Nền tảng số;", num=(1, 2)),
        para("Ứng dụng số;", num=(1, 2)),
        para("Đào tạo kỹ năng số;", num=(1, 2)),
        para("An toàn thông tin.", num=(1, 2)),
        para("NHIỆM VỤ", style="Heading1"),
        para("Hoàn thiện thể chế", num=(1, 1)),
    ])
    merged = "".join([
        para("Bảng chỉ tiêu"),
        "<w:tbl><w:tblPr/><w:tblGrid/>",
        "<w:tr>" + cell("STT") + cell("Tên chỉ tiêu") + cell("Năm 2025") + cell("Năm 2026") + "</w:tr>",
        "<w:tr>" + cell("I") + cell("Hạ tầng số", '<w:gridSpan w:val="3"/>') + "</w:tr>",
        "<w:tr>" + cell("1") + cell("Phủ sóng 5G", '<w:vMerge w:val="restart"/>') + cell("90%") + cell("100%") + "</w:tr>",
        "<w:tr>" + cell("2") + cell("", "<w:vMerge/>") + cell("95%") + cell("100%") + "</w:tr>",
        "<w:tr>" + cell(para(num=(2, 0), runs="")) + cell("Cáp quang") + cell("80%") + cell("90%") + "</w:tr>",
        "<w:tr>" + cell(para(num=(2, 0), runs="")) + cell("Wifi công cộng") + cell("10%") + cell("20%") + "</w:tr>",
        "</w:tbl>",
        para("Hết bảng."),
    ])
    tracked = "".join([
        para(runs='<w:r><w:t xml:space="preserve">Tỷ lệ hồ sơ xử lý trực tuyến đạt </w:t></w:r>'
             '<w:del w:id="1" w:author="A"><w:r><w:delText>80%</w:delText></w:r></w:del>'
             '<w:ins w:id="2" w:author="A"><w:r><w:t>95%</w:t></w:r></w:ins>'
             '<w:r><w:t xml:space="preserve"> trong năm 2026.</w:t></w:r>'),
        para(runs='<w:r><w:t>Câu có chú thích</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
             '<w:r><w:tab/><w:t>sau tab</w:t><w:br/><w:t>dòng mới</w:t></w:r>'),
    ])
    equation = "".join([
        para(runs='<w:r><w:t xml:space="preserve">Tỷ lệ hồ sơ trực tuyến </w:t></w:r>'
             '<m:oMath><m:r><m:t>≥</m:t></m:r><m:r><m:t xml:space="preserve"> 95%</m:t></m:r></m:oMath>'),
        para(runs='<w:r><w:t xml:space="preserve">Tỷ lệ </w:t></w:r>'
             '<m:oMath><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f></m:oMath>'),
    ])
    legacy = "".join([
        para(runs='<w:r><w:rPr><w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/></w:rPr><w:t>kÕ ho¹ch</w:t></w:r>'),
        para("ChuyÓn ®æi sè x· MÉu n¨m 2026", style="LegacyBody"),
        para(runs='<w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr><w:t>Ñaûng uûy xaõ</w:t></w:r>'
             '<w:r><w:t xml:space="preserve"> và Unicode</w:t></w:r>'),
    ])
    def cell_paragraphs(*texts: str) -> str:
        return "<w:tc><w:tcPr/>" + "".join(para(t) for t in texts) + "</w:tc>"

    header_table = "".join([
        "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>",
        cell_paragraphs("ỦY BAN NHÂN DÂN", "XÃ MẪU", "Số: 12/KH-UBND"),
        cell_paragraphs("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                        "Mẫu, ngày 05 tháng 01 năm 2026"),
        "</w:tr></w:tbl>",
        para("KẾ HOẠCH"),
        para("Chuyển đổi số xã Mẫu năm 2026"),
        para("Nội dung kế hoạch."),
        "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>",
        cell_paragraphs("Nơi nhận:", "- UBND thành phố;", "- Lưu: VT."),
        cell_paragraphs("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"),
        "</w:tr></w:tbl>",
    ])
    return {
        "header-table.docx": package(header_table),
        "numbering.docx": package(numbering),
        "merged-cells.docx": package(merged),
        "tracked-changes.docx": package(tracked),
        "equation.docx": package(equation),
        "legacy-font.docx": package(legacy),
    }


def write(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)
        print("wrote", path.relative_to(ROOT))


def main() -> None:
    for seed in sorted((ROOT / "examples").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        write(OUT / "seeds" / (seed.stem + ".docx"), seed_to_docx(text))
    for name, data in hand_built().items():
        write(OUT / "hand" / name, data)


if __name__ == "__main__":
    main()
