"""Reads back what PDF/UA-1 and PDF/A-2a ask of a PDF, with pikepdf, and
prints it as JSON for pdfua_test.go to check. It judges nothing itself.

Usage: python3 pdfua.py FILE.pdf
"""
import json
import re
import sys

import pikepdf


def text_of(obj):
    return str(obj) if obj is not None else None


def to_unicode(font):
    """The ToUnicode CMap of a font as a dict from character code (bytes)
    to text: what a text extractor reads a code as."""
    cmap = {}
    if "/ToUnicode" not in font:
        return cmap
    src = font.ToUnicode.read_bytes().decode("latin-1")
    def hexes(line):
        return [bytes.fromhex(h) for h in re.findall(r"<([0-9A-Fa-f]*)>", line)]
    for block in re.findall(r"beginbfchar(.*?)endbfchar", src, re.S):
        for line in block.strip().splitlines():
            h = hexes(line)
            if len(h) == 2:
                cmap[h[0]] = h[1].decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", src, re.S):
        for line in block.strip().splitlines():
            h = hexes(line)
            if len(h) == 3 and "[" not in line:
                lo, hi, dst = int.from_bytes(h[0], "big"), int.from_bytes(h[1], "big"), h[2]
                for i, code in enumerate(range(lo, hi + 1)):
                    d = dst[:-2] + (int.from_bytes(dst[-2:], "big") + i).to_bytes(2, "big")
                    cmap[code.to_bytes(len(h[0]), "big")] = d.decode("utf-16-be", "replace")
    return cmap


def glyph_texts(font, cmap):
    """What the eye sees of each code of a font: the text of the glyph it
    draws, as ToUnicode gives it for the code that is the glyph's own
    (with /CIDToGIDMap /Identity, every code is its glyph's own)."""
    desc = font.get("/DescendantFonts")
    gid_map = desc[0].get("/CIDToGIDMap") if desc else None
    if not isinstance(gid_map, pikepdf.Stream):
        return cmap
    gids = gid_map.read_bytes()
    seen = {}
    for code in cmap:
        c = int.from_bytes(code, "big")
        if 2 * c + 2 <= len(gids):
            seen[code] = cmap.get(gids[2 * c:2 * c + 2], "\ufffd")
    return seen


def decode(cmap, data):
    """The text of a string shown in a font of two-byte codes (Identity-H)."""
    return "".join(cmap.get(data[i:i + 2], "\ufffd") for i in range(0, len(data) - 1, 2))


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
    elems, mcrs, orders = [], {}, []
    def walk(e, depth):
        rec = {"type": str(e.S)[1:], "depth": depth, "alt": text_of(e.get("/Alt")), "kids": []}
        order = []  # its marked content (page, MCID) and kids, in order, for its text
        orders.append(order)
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
                order.append((pages[pg.objgen], int(k)))
            elif "/MCID" in k:
                kp = k.get("/Pg", pg)
                mcrs.setdefault((pages[kp.objgen], int(k.MCID)), []).append(me)
                order.append((pages[kp.objgen], int(k.MCID)))
            else:
                rec["kids"].append(len(elems))
                order.append(len(elems))
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
    # and the MCIDs each page uses; and the text itself, read through the
    # fonts' ToUnicode CMaps, by marked-content sequence and, on each page,
    # by what it is: "content", or the artifact's "/Type/Subtype"
    # ("Pagination/Header", "Pagination/Footer"; "Artifact" when untyped).
    # A line begun at a new height starts on a new line.
    parent_tree = {}
    nums = tree.ParentTree.get("/Nums", [])
    for i in range(0, len(nums), 2):
        parent_tree[int(nums[i])] = [pdf.get_object(x.objgen) if hasattr(x, "objgen") else x for x in nums[i + 1]]
    mcid_problems = []
    pairs, fills = set(), set()  # (text colour, the fill under it); the colours rectangles are filled in
    fonts = set()
    counts = {"untagged": 0, "artifact": 0, "content": 0}
    cmaps = {}  # the fonts' ToUnicode CMaps, by object
    mcid_text = {}  # (page, MCID): its text
    page_texts = []
    actual = []  # for each marked-content sequence open, its replacement text and the text it draws, or None
    seens = {}  # what the eye sees of each code of the fonts (glyph_texts), by object
    replaced = []  # each sequence with a replacement text: {"actual": it, "drawn": the text its codes read as, "seen": the text of the glyphs they draw}
    for n, page in enumerate(pdf.pages):
        stack = []
        texts = {}  # what the text is: its text on this page
        last_y = {}  # the height of the last text of each key
        font = {}
        seen = set()
        rects = []  # the page's fills: ((x0, y0, x1, y1), colour)

        def add_text(key, text, y):
            into = mcid_text if isinstance(key, tuple) else texts
            if key in last_y and last_y[key] != y:
                text = "\n" + text
            last_y[key] = y
            into[key] = into.get(key, "") + text

        def span_first(span):
            """Whether span draws its first text: it is then listed."""
            if span["drawn"]:
                return False
            replaced.append(span)
            return True

        def walk(stream, colour, forms, fonts):
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
                elif op == "Tf":
                    f = fonts[str(operands[0])]
                    if f.objgen not in cmaps:
                        cmaps[f.objgen] = to_unicode(f)
                        seens[f.objgen] = glyph_texts(f, cmaps[f.objgen])
                    font["cmap"], font["seen"] = cmaps[f.objgen], seens[f.objgen]
                elif op == "Do":
                    form = forms[str(operands[0])]
                    if form.get("/Subtype") == "/Form":
                        res, before = form.get("/Resources", {}), dict(font)
                        walk(form, colour, res.get("/XObject", forms), res.get("/Font", fonts))
                        font.clear()
                        font.update(before)  # a form's graphics state ends with it
                if op in ("Tj", "TJ"):
                    px, py = line[0] + 0.5, line[1] + 1
                    under = "FFFFFF"
                    for (x0, y0, x1, y1), c in rects:
                        if x0 <= px <= x1 and y0 <= py <= y1:
                            under = c
                    pairs.add((colour, under))
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])
                    mcid, kind = None, "Artifact"
                    if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                        props = operands[1]
                        if "/MCID" in props:
                            mcid = int(props.MCID)
                            seen.add(mcid)
                        if "/Type" in props:
                            kind = str(props.Type)[1:] + "/" + str(props.get("/Subtype", "/"))[1:]
                    props = operands[1] if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) else {}
                    actual.append({"actual": str(props["/ActualText"]), "drawn": "", "seen": ""} if "/ActualText" in props else None)
                    stack.append((tag, mcid, kind))
                elif op == "EMC":
                    stack.pop()
                    actual.pop()
                elif op in ("Tj", "TJ", "'", '"'):
                    shown = operands[-1] if op != "TJ" else [x for x in operands[0] if isinstance(x, pikepdf.String)]
                    text = "".join(decode(font.get("cmap", {}), bytes(x)) for x in (shown if op == "TJ" else [shown]))
                    looks = "".join(decode(font.get("seen", {}), bytes(x)) for x in (shown if op == "TJ" else [shown]))
                    spans = [a for a in actual if a is not None]
                    if spans:  # the replacement text stands for what the sequence draws
                        span, first = spans[-1], span_first(spans[-1])
                        span["drawn"] += text
                        span["seen"] += looks
                        text = span["actual"] if first else ""
                    artifacts = [k for t, _, k in stack if t == "/Artifact"]
                    mcids = [m for _, m, _ in stack if m is not None]
                    if artifacts:
                        counts["artifact"] += 1
                        add_text(artifacts[-1], text, line[1])
                    elif mcids:
                        counts["content"] += 1
                        add_text("content", text, line[1])
                        add_text((n, mcids[-1]), text, line[1])
                    else:
                        counts["untagged"] += 1

        walk(page, "000000", page.Resources.get("/XObject", {}), page.Resources.get("/Font", {}))
        page_texts.append(texts)
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
    # Each element's text: that of its marked content and its kids, in
    # order, a line apart.
    def text_of_elem(i):
        parts = [text_of_elem(x) if isinstance(x, int) else mcid_text.get(x, "") for x in orders[i]]
        return "\n".join(p for p in parts if p)
    for i, e in enumerate(elems):
        e["text"] = text_of_elem(i)
    out.update({"page_texts": page_texts})
    out.update({"untagged_text": counts["untagged"], "artifact_text": counts["artifact"], "content_text": counts["content"],
                "mcid_problems": mcid_problems, "replaced": replaced,
                "text_on_fill": sorted(pairs), "fills": sorted(fills),
                "fonts": [{"name": n, "embedded": e, "to_unicode": u} for n, e, u in sorted(fonts)],
                "page_tabs": sorted({str(p.get("/Tabs")) for p in pdf.pages})})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
