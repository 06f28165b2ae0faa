"""Writes a workbook with XlsxWriter, for the tests of how cells read.

Reads from stdin a JSON list of sheets, {"name": ..., "rows": [[cell, ...]]},
each cell null (blank), a string, or an object: {"n": number, "fmt": code
or built-in id}, {"b": true}, {"f": formula, "v": its cached text}.
Writes the workbook to the path given as the only argument.
"""
import json
import sys

import xlsxwriter

book = xlsxwriter.Workbook(sys.argv[1], {"strings_to_numbers": False, "strings_to_formulas": False})
formats = {}
for sheet in json.load(sys.stdin):
    ws = book.add_worksheet(sheet["name"])
    for r, row in enumerate(sheet["rows"]):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if isinstance(cell, str):
                ws.write_string(r, c, cell)
            elif "n" in cell:
                fmt = cell.get("fmt")
                if fmt is not None and fmt not in formats:
                    formats[fmt] = book.add_format({"num_format": fmt})
                ws.write_number(r, c, cell["n"], formats.get(fmt))
            elif "b" in cell:
                ws.write_boolean(r, c, cell["b"])
            else:
                ws.write_formula(r, c, cell["f"], None, cell["v"])
book.close()
