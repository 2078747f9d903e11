"""Generate rules/indicators.yaml and tests/fixtures/rules/indicator-*.txt.

The indicator rules' examples and fixtures are small Hải Phòng plans built from
one header and a few table rows; editing them here keeps them consistent.
Run from the repository root: python3 scripts/gen_indicators.py
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
HEAD = ("KẾ HOẠCH\nChuyển đổi số xã An Lão năm 2026\n\n"
        "Thực hiện Kế hoạch số 359/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân thành phố về Chuyển đổi số thành phố Hải Phòng năm 2026;\n\n"
        "I. MỤC TIÊU\n\n2. Mục tiêu, chỉ tiêu cụ thể\n\n"
        "Stt\tTên chỉ tiêu\tKết quả năm 2025\tNăm 2026\n")
def plan(*rows):
    return HEAD + "".join(f"{i+1}\t{r}\n" for i, r in enumerate(rows)) + "\nII. NHIỆM VỤ\n"

FULL = [
 "Tỷ lệ phủ sóng 5G trên địa bàn xã\t100%\t100%",
 "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gbps\t15%\t≥ 20%",
 "Tỷ lệ thông tin, giấy tờ, tài liệu trong các thủ tục hành chính liên quan đến hoạt động sản xuất, kinh doanh chỉ cung cấp một lần\t100%\t100% (2025-2027)",
 "Tỷ lệ hồ sơ công việc tại xã được xử lý trên môi trường điện tử và sử dụng chữ ký số cá nhân\t100%\t100%",
 "Tỷ lệ nhiệm vụ Ủy ban nhân dân thành phố giao được theo dõi, giám sát, đánh giá trên môi trường điện tử\t85%\t≥ 90%",
 "Tỷ lệ cán bộ, công chức, viên chức được đào tạo kỹ năng số cơ bản\t100%\t100% (2025-2027)",
 "Tỷ lệ cán bộ chuyên trách công nghệ thông tin của xã được đào tạo đạt chứng chỉ quản trị dữ liệu cơ bản\t0%\t50% (2025-2027)",
 "Tỷ lệ thủ tục hành chính nội bộ được thực hiện quản trị nội bộ trên môi trường điện tử\t100%\t100%",
 "Tỷ lệ thủ tục hành chính được tiếp nhận, giải quyết phi địa giới hành chính\t100%\t100%",
 "Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh được thực hiện trực tuyến\t100%\t100%",
 "Tỷ lệ giao dịch hành chính thuộc diện phi tiếp xúc\t100%\t100%",
 "Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa\t100%\t100%",
 "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện\t100%\t100%",
 "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến\t77,15%\t≥ 95%",
 "Tỷ lệ người dân, doanh nghiệp hài lòng khi sử dụng dịch vụ công trực tuyến\t100%\t100%",
 "Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân\t10%\t≥ 20% (2025-2027)",
 "Tỷ lệ doanh nghiệp vừa và nhỏ ứng dụng công nghệ số\t90%\t100%",
 "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)\t80%\t≥ 85%",
 "Tỷ lệ các cơ quan, đơn vị thuộc Đảng ủy, Ủy ban nhân dân xã sử dụng phần mềm quản trị điều hành thống nhất\t100%\t100%",
]
ONLINE = "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến"
G5 = "Tỷ lệ phủ sóng 5G trên địa bàn xã"
DOCS = "Kế hoạch 359/KH-UBND ngày 31/12/2025 của UBND thành phố Hải Phòng (rules/templates/hai-phong-2026.yaml); QĐ 2629/QĐ-TTg; ../shared/domain/README.md §3, §8"
rules = [
 dict(id="indicator-mandatory-missing", check="mandatory-missing", level="warning",
  vi="Thiếu chỉ tiêu bắt buộc «{indicator}» của kế hoạch cấp trên (mẫu {template})",
  en="mandatory indicator «{indicator}» of the superior plan (template {template}) is missing",
  hvi="Bổ sung chỉ tiêu này (mã {id}) vào bảng chỉ tiêu, kèm kết quả năm trước và mục tiêu năm kế hoạch; nếu đã có nhưng diễn đạt khác, viết tên như kế hoạch cấp trên (xem `rasoat templates show {template}`)",
  hen="add this indicator (id {id}) to the indicator table with last year's result and this year's target; if it is there in other words, use the superior plan's wording (see `rasoat templates show {template}`)",
  bad=[plan(ONLINE + "\t77,15%\t≥ 95%")], good=[plan(*FULL)],
  fixture=plan(G5 + "\t100%\t100%", ONLINE + "\t77,15%\t≥ 95%")),
 dict(id="indicator-doubtful-match", check="doubtful-match", level="info",
  vi="Chưa chắc dòng này là chỉ tiêu «{indicator}»{other} của kế hoạch cấp trên (độ khớp {score}); rasoat không kiểm tra số liệu của dòng này",
  en="doubtful match: this row may be the template indicator «{indicator}»{other} (score {score}); its values are not checked",
  hvi="Viết tên chỉ tiêu đúng như kế hoạch cấp trên (xem `rasoat templates show`) để rasoat nhận ra và kiểm tra",
  hen="word the indicator as the superior plan does (see `rasoat templates show`) so that rasoat recognises and checks it",
  bad=[plan("Tỷ lệ thủ tục hành chính thực hiện trực tuyến\t80%\t≥ 90%")],
  good=[plan("Tỷ lệ thủ tục hành chính liên quan đến đào tạo, nghiên cứu, sản xuất, kinh doanh phải được thực hiện trực tuyến\t80%\t≥ 90%", "Tỷ lệ hồ sơ được xử lý trực tuyến\t80%\t≥ 90%")],
  fixture=plan("Tỷ lệ thủ tục hành chính thực hiện trực tuyến\t80%\t≥ 90%", G5 + "\t100%\t100%")),
 dict(id="indicator-duplicate", check="duplicate", level="warning",
  vi="Chỉ tiêu «{indicator}» xuất hiện lần thứ hai (đã có ở hàng {first}, dòng {line})",
  en="indicator «{indicator}» appears a second time (already in row {first}, line {line})",
  hvi="Giữ một dòng cho mỗi chỉ tiêu; gộp hoặc xóa dòng lặp",
  hen="keep one row per indicator; merge or delete the repeated row",
  bad=[plan(G5 + "\t70%\t≥ 80%", "Tăng cường phủ sóng 5G trên địa bàn xã\t70%\t≥ 80%")], good=[plan(G5 + "\t70%\t≥ 80%", ONLINE + "\t80%\t≥ 90%")],
  fixture=plan(G5 + "\t70%\t≥ 80%", ONLINE + "\t80%\t≥ 90%", "Phủ sóng 5G trên địa bàn\t70%\t≥ 80%")),
 dict(id="indicator-comparator-direction", check="comparator-direction", level="error",
  vi="Mục tiêu «{found}» dùng dấu so sánh ngược chiều với chỉ tiêu «{indicator}»; đúng ra là «{expected}»",
  en="target «{found}» uses a comparator against the direction of «{indicator}»; it should read «{expected}»",
  hvi="Chỉ tiêu tăng (tỷ lệ phủ sóng, xử lý trực tuyến, hài lòng …) ghi «≥»; chỉ tiêu giảm (xếp hạng, hồ sơ trễ hạn) ghi «≤»",
  hen="a rising indicator (coverage, online share, satisfaction …) takes «≥»; a falling one (ranking, late files) takes «≤»",
  fix="unsafe",
  bad=[plan(ONLINE + "\t77,15%\t$\\leq 95\\%$")], good=[plan(ONLINE + "\t77,15%\t$\\geq 95\\%$")],
  fixture=plan(G5 + "\t70%\t≤ 80%", ONLINE + "\t77,15%\t$\\leq 95\\%$", "Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)\t80%\t≥ 85%")),
 dict(id="indicator-target-below-baseline", check="target-below-baseline", level="warning",
  vi="Mục tiêu «{found}» lùi so với kết quả năm trước «{baseline}» của chỉ tiêu «{indicator}»",
  en="target «{found}» falls behind last year's result «{baseline}» for «{indicator}»",
  hvi="Đặt mục tiêu ít nhất bằng kết quả đã đạt, hoặc kiểm tra lại số liệu năm trước",
  hen="set a target at least as good as the result already reached, or check last year's figure",
  bad=[plan("Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa\t99,92%\t$\\geq 99\\%$")],
  good=[plan("Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa\t99,92%\t100%")],
  fixture=plan("Tỷ lệ hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa\t99,92%\t$\\geq 99\\%$", G5 + "\t70%\t≥ 80%")),
 dict(id="indicator-target-equals-baseline", check="target-equals-baseline", level="warning",
  vi="Mục tiêu «{found}» chỉ bằng kết quả năm trước «{baseline}» (chưa đạt 100%) của chỉ tiêu «{indicator}»",
  en="target «{found}» only repeats last year's result «{baseline}» (below 100%) for «{indicator}»",
  hvi="Chỉ tiêu tăng cần mục tiêu cao hơn kết quả đã đạt khi chưa đạt 100%",
  hen="a rising indicator below 100% needs a target above the result already reached",
  bad=[plan("Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)\t82%\t$\\geq 82\\%$")],
  good=[plan("Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)\t82%\t≥ 85%", G5 + "\t100%\t100%")],
  fixture=plan("Tỷ lệ người dân có tài khoản định danh điện tử (VNeID)\t82%\t$\\geq 82\\%$", G5 + "\t100%\t100%")),
 dict(id="indicator-target-below-minimum", check="target-below-minimum", level="warning",
  vi="Mục tiêu «{found}» không đạt mức {minimum} mà kế hoạch cấp trên đặt cho chỉ tiêu «{indicator}»",
  en="target «{found}» does not reach the {minimum} the superior plan sets for «{indicator}»",
  hvi="Nâng mục tiêu lên ít nhất {minimum} như kế hoạch cấp trên",
  hen="raise the target to at least {minimum}, as the superior plan does",
  bad=[plan("Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện\t90%\t95%")],
  good=[plan("Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện\t90%\t100%")],
  fixture=plan("Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện\t90%\t95%", "Tỷ lệ người dân, doanh nghiệp hài lòng khi sử dụng dịch vụ công trực tuyến\t94,04%\t≥ 95%")),
 dict(id="indicator-target-over-100", check="target-over-100", level="error",
  vi="Mục tiêu «{found}» vượt 100%, không thể có với tỷ lệ «{indicator}»",
  en="target «{found}» exceeds 100%, impossible for the rate «{indicator}»",
  hvi="Một tỷ lệ tối đa là 100%; kiểm tra lại số liệu",
  hen="a rate is at most 100%; check the figure",
  bad=[plan(G5 + "\t90%\t110%")], good=[plan(G5 + "\t90%\t100%")],
  fixture=plan(G5 + "\t90%\t110%", ONLINE + "\t80%\t≥ 90%")),
 dict(id="indicator-target-missing", check="target-missing", level="warning",
  vi="Chỉ tiêu «{indicator}» chưa có mục tiêu năm kế hoạch",
  en="indicator «{indicator}» has no target for the plan year",
  hvi="Ghi mục tiêu bằng số (ví dụ «≥ 90%») vào cột năm kế hoạch",
  hen="write a numeric target (e.g. «≥ 90%») in the plan-year column",
  bad=[plan(G5 + "\t70%\t")], good=[plan(G5 + "\t70%\t≥ 80%")],
  fixture=plan(G5 + "\t70%\t", ONLINE + "\t80%\t≥ 90%")),
 dict(id="indicator-baseline-missing", check="baseline-missing", level="info",
  vi="Chỉ tiêu «{indicator}» chưa có kết quả năm trước",
  en="indicator «{indicator}» has no result for last year",
  hvi="Ghi kết quả đã đạt năm trước để so sánh với mục tiêu",
  hen="write last year's result so the target can be compared with it",
  bad=[plan(G5 + "\t\t≥ 80%")], good=[plan(G5 + "\t70%\t≥ 80%")],
  fixture=plan(G5 + "\t\t≥ 80%", ONLINE + "\t80%\t≥ 90%")),
 dict(id="indicator-prose-value", check="prose-value", level="info",
  vi="«{found}» là lời văn; chỉ tiêu «{indicator}» cần một con số",
  en="«{found}» is prose where the indicator «{indicator}» needs a number",
  hvi="Ghi số liệu (ví dụ «≥ 80%»); chuyển phần diễn giải sang nhiệm vụ hoặc giải pháp",
  hen="write a figure (e.g. «≥ 80%»); move the explanation to the tasks or measures",
  bad=[plan(G5 + "\t70%\tTheo kết quả triển khai của thành phố")], good=[plan(G5 + "\t70%\t≥ 80%")],
  fixture=plan(G5 + "\t70%\tTheo kết quả triển khai của thành phố", "Tỷ lệ doanh nghiệp vừa và nhỏ ứng dụng công nghệ số\t100% nộp thuế điện tử, hóa đơn điện tử\t100%")),
 dict(id="indicator-period-single-year", check="period-single-year", level="info",
  vi="Mục tiêu «{found}» ghi giai đoạn {period} trong cột của một năm cho chỉ tiêu «{indicator}»",
  en="target «{found}» names the period {period} in a single-year column for «{indicator}»",
  hvi="Ghi mục tiêu của riêng năm kế hoạch; giai đoạn nhiều năm chỉ dùng cho chỉ tiêu mà kế hoạch cấp trên đặt theo giai đoạn",
  hen="write this year's target; multi-year periods belong only to indicators the superior plan sets for a period",
  bad=[plan(G5 + "\t70%\t≥ 80% (2025-2027)")],
  good=[plan("Tỷ lệ cán bộ, công chức, viên chức được đào tạo kỹ năng số cơ bản\t100%\t100% (2025-2027)")],
  fixture=plan(G5 + "\t70%\t≥ 80% (2025-2027)", "Tỷ lệ cán bộ, công chức, viên chức được đào tạo kỹ năng số cơ bản\t100%\t100% (2025-2027)")),
]
def q(s): return json.dumps(s, ensure_ascii=False)
out = ["# Indicator tables checked against the template the plan follows",
       "# (rules/templates/*.yaml, recognised from the bases or forced with --template).",
       "# Examples are small Hải Phòng plans: their bases cite 359/KH-UBND, so the",
       "# hai-phong-2026 template applies. Row numbering is checked by numbering.yaml.",
       "# Generated with the fixtures by scripts/gen_indicators.py: edit it there.",
       "rules:"]
for r in rules:
    out.append(f"  - id: {r['id']}")
    out.append("    kind: template")
    out.append(f"    check: {r['check']}")
    out.append(f"    level: {r['level']}")
    if r.get('fix'): out.append(f"    fix: {r['fix']}")
    out.append("    message:")
    out.append(f"      vi: {q(r['vi'])}")
    out.append(f"      en: {q(r['en'])}")
    out.append("    help:")
    out.append(f"      vi: {q(r['hvi'])}")
    out.append(f"      en: {q(r['hen'])}")
    out.append(f"    docs: {q(DOCS)}")
    out.append("    examples:")
    out.append("      bad:")
    for b in r['bad']: out.append(f"        - {q(b)}")
    out.append("      good:")
    for g in r['good']: out.append(f"        - {q(g)}")
    out.append("")
    open(os.path.join(ROOT, "tests/fixtures/rules", r["id"] + ".txt"), "w").write(r['fixture'])
open(os.path.join(ROOT, "rules/indicators.yaml"), "w").write("\n".join(out))
