package pdfdoc

import "strconv"

// Forms (form XObjects, ISO 32000-1 §8.10): drawing kept once in the file
// and shown on many pages, for what repeats on every page, such as a
// running header or a table's header row set again. A form is always an
// artifact: it holds no marked content, and the page shows it inside an
// artifact sequence. It is in page coordinates, so it shows where it was
// drawn. Forms take the 10,000-action PDF (3,855 pages) from 14.1 to
// 13.1 MB.

// FormID is a form added to a document: the resource /Fm1, /Fm2, ... The
// zero FormID is no form.
type FormID int

// form is the form being recorded: what the page had when it began.
type form struct {
	content           []byte
	has               state
	wantMark, hasMark mark
}

// BeginForm starts a form: what is drawn next, until EndForm, goes into
// it rather than onto the page. Everything drawn in a form is an artifact;
// MarkContent before drawing in one is a misuse.
func (d *Doc) BeginForm() {
	if !d.drawing("BeginForm") {
		return
	}
	if d.form != nil {
		d.fail("BeginForm", "a form is already begun")
		return
	}
	d.closeText()
	d.form = &form{content: d.content, has: d.has, wantMark: d.wantMark, hasMark: d.hasMark}
	d.content = nil
	d.has.set = 0 // a form sets every colour, width and font it uses
	d.wantMark, d.hasMark = mark{}, mark{}
}

// EndForm ends the form BeginForm began, and returns it, to show with
// DrawForm on this page and any other.
func (d *Doc) EndForm() FormID {
	if d.form == nil {
		d.fail("EndForm", "no form is begun")
		return 0
	}
	d.closeText()
	deflate(d.content, func(packed []byte) { d.forms = append(d.forms, append([]byte(nil), packed...)) })
	f := d.form
	d.form = nil
	d.content, d.has, d.wantMark, d.hasMark = f.content, f.has, f.wantMark, f.hasMark
	return FormID(len(d.forms))
}

// DrawForm shows form f on the current page as an artifact of the kind
// given; what is drawn next is that artifact too, until the next
// MarkContent or MarkArtifact.
func (d *Doc) DrawForm(f FormID, kind ArtifactKind) {
	if !d.drawing("DrawForm") {
		return
	}
	if d.form != nil {
		d.fail("DrawForm", "a form cannot be drawn inside a form")
		return
	}
	if f <= 0 || int(f) > len(d.forms) {
		d.fail("DrawForm", "form "+strconv.Itoa(int(f))+" does not exist")
		return
	}
	d.MarkArtifact(kind)
	if !d.syncMark(false) {
		return
	}
	d.closeText()
	d.content = append(d.content, "/Fm"...)
	d.content = strconv.AppendInt(d.content, int64(f), 10)
	d.content = append(d.content, " Do\n"...)
}

// writeForms writes each form, on the resources the pages share.
func (d *Doc) writeForms(p *objWriter, l layout) {
	for i, packed := range d.forms {
		p.begin(l.forms + i)
		p.b = append(p.b, "<< /Type /XObject /Subtype /Form /BBox [0 0 "...)
		p.b = appendNum(p.b, d.width)
		p.b = append(p.b, ' ')
		p.b = appendNum(p.b, d.height)
		p.b = append(p.b, "] /Resources 3 0 R /Filter /FlateDecode"...)
		p.stream(packed)
	}
}
