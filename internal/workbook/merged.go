package workbook

import (
	"bytes"
	"encoding/xml"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Finding a sheet's merged cells with excelize means decoding the whole
// sheet a second time, which would more than double the cost of reading.
// So the sheet's XML is first searched for a merged range, and only a sheet
// that has one is decoded. A sheet so large that excelize keeps it in a
// temporary file rather than in memory (over 16 MB unpacked) is not searched
// and its merged cells are not filled.

// sheetParts maps each sheet's name to its part in the package, from the
// workbook part and its relationships.
func sheetParts(f *excelize.File) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(pkgPart(f, "xl/workbook.xml"), &wb) != nil ||
		xml.Unmarshal(pkgPart(f, "xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		target := strings.ReplaceAll(r.Target, `\`, "/")
		if strings.HasPrefix(target, "/") {
			targets[r.ID] = strings.TrimPrefix(target, "/")
		} else {
			targets[r.ID] = path.Join("xl", target)
		}
	}
	parts := map[string]string{}
	for _, s := range wb.Sheets {
		parts[s.Name] = targets[s.ID]
	}
	return parts
}

// pkgPart is a part's bytes as excelize holds them in memory, or nil.
func pkgPart(f *excelize.File, name string) []byte {
	v, ok := f.Pkg.Load(name)
	if !ok {
		return nil
	}
	b, _ := v.([]byte)
	return b
}

// mayHaveMerges reports whether the sheet's XML holds a merged range.
func (rd *reader) mayHaveMerges(sheet string) bool {
	if rd.parts == nil {
		rd.parts = sheetParts(rd.file)
	}
	return bytes.Contains(pkgPart(rd.file, rd.parts[sheet]), []byte("<mergeCell"))
}
