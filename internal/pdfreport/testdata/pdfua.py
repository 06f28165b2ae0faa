"""Reads back what PDF/UA-1 and PDF/A-2a ask of a PDF, with pikepdf, and
prints it as JSON for pdfua_test.go to check. It judges nothing itself.

Usage: python3 pdfua.py FILE.pdf
"""
import json
import sys

import pikepdf


def text_of(obj):
    return str(obj) if obj is not None else None


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root
    out = {
        "version": pdf.pdf_version,
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
        "lang": text_of(root.get("/Lang")),
        "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
        "id": [bytes(x).hex() for x in pdf.trailer.get("/ID", [])],
        "info": {k[1:]: str(v) for k, v in pdf.docinfo.items()},
    }
    intents = root.get("/OutputIntents", [])
    out["output_intents"] = [
        {"S": str(i.get("/S")), "N": int(i.DestOutputProfile.get("/N", 0)),
         "profile_bytes": len(i.DestOutputProfile.read_bytes()),
         "profile_class": i.DestOutputProfile.read_bytes()[12:16].decode("latin-1")}
        for i in intents]
    meta = pdf.open_metadata()
    out["xmp"] = {k: str(meta.get(k)) for k in (
        "dc:title", "dc:creator", "dc:description", "dc:language", "xmp:CreateDate", "xmp:ModifyDate",
        "xmp:CreatorTool", "pdf:Producer", "pdfaid:part", "pdfaid:conformance", "pdfuaid:part")}
    out["xmp"]["pdfuaid:part"] = str(meta.get("{http://www.aiim.org/pdfua/ns/id/}part"))
    raw = root.Metadata.read_bytes().decode("utf-8")
    out["xmp_declares_pdfuaid"] = ("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>" in raw
                                   and "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in raw)
    out["metadata_filtered"] = "/Filter" in root.Metadata.stream_dict

    tree = root.StructTreeRoot
    out["parent_tree_next_key"] = int(tree.get("/ParentTreeNextKey", -1))
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    # Every structure element, in document order, with its depth, type,
    # attributes, /Alt, and its marked content as (page, MCID) pairs.
    elems, mcrs = [], {}
    def walk(e, depth):
        rec = {"type": str(e.S)[1:], "depth": depth, "alt": text_of(e.get("/Alt")), "kids": []}
        a = e.get("/A")
        if a is not None:
            rec["scope"] = str(a.get("/Scope"))[1:] if "/Scope" in a else None
            rec["colspan"] = int(a.get("/ColSpan", 1))
            rec["bbox"] = [float(x) for x in a.get("/BBox", [])]
        elems.append(rec)
        me = len(elems) - 1
        pg = e.get("/Pg")
        kids = e.get("/K")
        if kids is None:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for k in kids:
            if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_name == "integer"):
                mcrs.setdefault((pages[pg.objgen], int(k)), []).append(me)
            elif "/MCID" in k:
                kp = k.get("/Pg", pg)
                mcrs.setdefault((pages[kp.objgen], int(k.MCID)), []).append(me)
            else:
                rec["kids"].append(len(elems))
                walk(k, depth + 1)
    for top in (tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]):
        walk(top, 0)
    for (page, _), owners in mcrs.items():
        for e in owners:
            elems[e].setdefault("pages", [])
            if page not in elems[e]["pages"]:
                elems[e]["pages"].append(page)
    out["elements"] = elems

    # The content: each text-showing operator, on the page or in a form it
    # shows, whether it is inside an artifact or a sequence with an MCID,
    # and the MCIDs each page uses.
    parent_tree = {}
    nums = tree.ParentTree.get("/Nums", [])
    for i in range(0, len(nums), 2):
        parent_tree[int(nums[i])] = [pdf.get_object(x.objgen) if hasattr(x, "objgen") else x for x in nums[i + 1]]
    mcid_problems = []
    pairs, fills = set(), set()  # (text colour, the fill under it); the colours rectangles are filled in
    fonts = set()
    counts = {"untagged": 0, "artifact": 0, "content": 0}
    for n, page in enumerate(pdf.pages):
        stack = []
        seen = set()
        rects = []  # the page's fills: ((x0, y0, x1, y1), colour)

        def walk(stream, colour, forms):
            """Walks a content stream, and each form it shows, as part of
            the page: within the marked content open where it is shown."""
            pending, line = None, (0, 0)
            for operands, op in pikepdf.parse_content_stream(stream):
                op = str(op)
                if op == "rg":
                    colour = "".join("%02X" % round(float(v) * 255) for v in operands)
                elif op == "re":
                    x, y, w, h = (float(v) for v in operands)
                    pending = (min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h))
                elif op == "f" and pending:
                    rects.append((pending, colour))
                    fills.add(colour)
                    pending = None
                elif op == "BT":
                    line = (0, 0)
                elif op == "Td":  # from the start of the line before
                    line = (line[0] + float(operands[0]), line[1] + float(operands[1]))
                elif op == "Do":
                    form = forms[str(operands[0])]
                    if form.get("/Subtype") == "/Form":
                        walk(form, colour, form.get("/Resources", {}).get("/XObject", forms))
                if op in ("Tj", "TJ"):
                    px, py = line[0] + 0.5, line[1] + 1
                    under = "FFFFFF"
                    for (x0, y0, x1, y1), c in rects:
                        if x0 <= px <= x1 and y0 <= py <= y1:
                            under = c
                    pairs.add((colour, under))
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    mcid = None
                    if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        mcid = int(operands[1].MCID)
                        seen.add(mcid)
                    stack.append((tag, mcid))
                elif op == "EMC":
                    stack.pop()
                elif op in ("Tj", "TJ", "'", '"'):
                    if any(t == "/Artifact" for t, _ in stack):
                        counts["artifact"] += 1
                    elif any(m is not None for _, m in stack):
                        counts["content"] += 1
                    else:
                        counts["untagged"] += 1

        walk(page, "000000", page.Resources.get("/XObject", {}))
        if stack:
            mcid_problems.append("page %d ends with marked content open" % (n + 1))
        key = int(page.get("/StructParents", -1))
        entry = parent_tree.get(key, [])
        for mcid in seen:
            if (n, mcid) not in mcrs:
                mcid_problems.append("page %d MCID %d belongs to no element" % (n + 1, mcid))
            if mcid >= len(entry):
                mcid_problems.append("page %d MCID %d is not in the parent tree" % (n + 1, mcid))
        if len(entry) != len(seen):
            mcid_problems.append("page %d: %d parent tree entries, %d MCIDs" % (n + 1, len(entry), len(seen)))
        for name, f in page.Resources.get("/Font", {}).items():
            desc = f.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in f else f.get("/FontDescriptor")
            fonts.add((str(f.BaseFont), desc is not None and "/FontFile2" in desc, "/ToUnicode" in f))
    for (page, mcid) in mcrs:
        if mcid >= len(parent_tree.get(int(pdf.pages[page].get("/StructParents", -1)), [])):
            mcid_problems.append("element content page %d MCID %d is not in the parent tree" % (page + 1, mcid))
    out.update({"untagged_text": counts["untagged"], "artifact_text": counts["artifact"], "content_text": counts["content"],
                "mcid_problems": mcid_problems,
                "text_on_fill": sorted(pairs), "fills": sorted(fills),
                "fonts": [{"name": n, "embedded": e, "to_unicode": u} for n, e, u in sorted(fonts)],
                "page_tabs": sorted({str(p.get("/Tabs")) for p in pdf.pages})})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
