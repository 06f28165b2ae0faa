package xlsx

import "strconv"

// numberFormats is what the styles part says of number formats: the
// format of each cell style, and the codes of the formats it defines.
type numberFormats struct {
	ids   []int          // by style index: the <xf> elements of <cellXfs>, in order
	codes map[int]string // by format id: the <numFmt> elements of <numFmts>
	err   error
}

// NumberFormat returns the number format of a cell style (Cell.Style): its
// id and, when the workbook defines the format, its code ("dd/mm/yyyy").
// Ids 0 to 163 are Excel's built-in formats (14 is a short date), which a
// workbook need not define. A style the workbook lacks has format 0,
// General. The styles are read the first time it is called; it is not for
// concurrent use.
func (f *File) NumberFormat(style int) (id int, code string, err error) {
	if f.formats == nil {
		f.formats = f.readNumberFormats()
	}
	nf := f.formats
	if nf.err != nil {
		return 0, "", nf.err
	}
	if style >= 0 && style < len(nf.ids) {
		id = nf.ids[style]
	}
	return id, nf.codes[id], nil
}

// readNumberFormats reads the styles part's cell styles and number
// formats; a workbook without one has neither.
func (f *File) readNumberFormats() *numberFormats {
	nf := &numberFormats{codes: map[int]string{}}
	if f.styles == nil {
		return nf
	}
	nf.err = f.scan(f.styles, func(x *xmlScanner) {
		inXfs := false // in <cellXfs>, not <cellStyleXfs>
		for x.next() {
			switch level := x.level(); {
			case level == 2 && string(localName(x.name)) == "cellXfs":
				inXfs = !x.end && !x.empty
			case level == 3 && inXfs && x.is("xf"):
				id, _ := formatAttrs(x)
				nf.ids = append(nf.ids, id)
			case level == 3 && x.is("numFmt"):
				id, code := formatAttrs(x)
				nf.codes[id] = code
			}
		}
	})
	// A damaged part stays unread, for Verify to refuse.
	f.read[f.styles] = nf.err == nil
	return nf
}

// formatAttrs reads the numFmtId and formatCode attributes of the tag
// read last; an id that is not a number is 0, as in excelize.
func formatAttrs(x *xmlScanner) (id int, code string) {
	x.eachAttr(func(local, value []byte) bool {
		switch string(local) {
		case "numFmtId":
			id, _ = strconv.Atoi(string(value))
		case "formatCode":
			code = string(value)
		}
		return true
	})
	return id, code
}
