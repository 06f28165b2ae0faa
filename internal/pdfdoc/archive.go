package pdfdoc

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"strings"
	"time"
	"unicode/utf8"
)

// PDF/A-2a and PDF/UA-1 identification: the XMP metadata stream and the
// sRGB output intent.

// srgbProfile is the sRGB colour profile of the output intent (icc/README.md
// says where it comes from and its licence).
//
//go:embed icc/sRGB.icc
var srgbProfile []byte

// writeOutputProfile writes the output intent's ICC profile.
func writeOutputProfile(p *objWriter) {
	p.begin(objOutputProfile)
	p.b = append(p.b, "<< /N 3 /Filter /FlateDecode"...)
	deflate(srgbProfile, p.stream)
}

// writeMetadata writes the XMP metadata stream, uncompressed as PDF/A
// wants it, saying the same as the information dictionary.
func (d *Doc) writeMetadata(p *objWriter) {
	x := d.xmp()
	p.begin(objMetadata)
	p.b = append(p.b, "<< /Type /Metadata /Subtype /XML"...)
	p.stream(x)
}

// xmpHead declares the namespaces of the packet's one description.
const xmpHead = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
	"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
	"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
	"<rdf:Description rdf:about=\"\"\n" +
	" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n" +
	" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n" +
	" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n" +
	" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n" +
	" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n" +
	" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n" +
	" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n" +
	" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n" +
	"<dc:format>application/pdf</dc:format>\n"

// xmpTail identifies the conformance levels and declares the pdfuaid
// schema, which PDF/A-2 wants declared as an extension schema.
const xmpTail = "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n" +
	"<pdfuaid:part>1</pdfuaid:part>\n" +
	"<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n" +
	"<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n" +
	"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n" +
	"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n" +
	"<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n" +
	"<pdfaProperty:name>part</pdfaProperty:name>\n" +
	"<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n" +
	"<pdfaProperty:category>internal</pdfaProperty:category>\n" +
	"<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n" +
	"</rdf:li></rdf:Seq></pdfaSchema:property>\n" +
	"</rdf:li></rdf:Bag></pdfaExtension:schemas>\n" +
	"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"

// xmp is the metadata packet.
func (d *Doc) xmp() []byte {
	var b bytes.Buffer
	b.WriteString(xmpHead)
	in := d.info
	element := func(open, s, close string) {
		if s != "" {
			b.WriteString(open)
			xml.EscapeText(&b, []byte(s))
			b.WriteString(close)
		}
	}
	element("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">", in.Title, "</rdf:li></rdf:Alt></dc:title>\n")
	element("<dc:creator><rdf:Seq><rdf:li>", in.Author, "</rdf:li></rdf:Seq></dc:creator>\n")
	element("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">", in.Subject, "</rdf:li></rdf:Alt></dc:description>\n")
	element("<dc:language><rdf:Bag><rdf:li>", in.Lang, "</rdf:li></rdf:Bag></dc:language>\n")
	element("<xmp:CreatorTool>", in.Creator, "</xmp:CreatorTool>\n")
	element("<pdf:Producer>", in.Producer, "</pdf:Producer>\n")
	if !in.Created.IsZero() {
		date := xmpDate(in.Created)
		element("<xmp:CreateDate>", date, "</xmp:CreateDate>\n")
		element("<xmp:ModifyDate>", date, "</xmp:ModifyDate>\n")
		element("<xmp:MetadataDate>", date, "</xmp:MetadataDate>\n")
	}
	b.WriteString(xmpTail)
	return b.Bytes()
}

// xmpDate is t as XMP writes dates, to the second, with its offset: the
// same instant as the information dictionary's date.
func xmpDate(t time.Time) string { return t.Format("2006-01-02T15:04:05Z07:00") }

// xmlSafe replaces what XML 1.0 cannot hold (most control characters,
// invalid UTF-8) with U+FFFD, so that the information dictionary and the
// XMP packet say the same.
func xmlSafe(s string) string {
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	}
	for _, r := range s {
		if !ok(r) || r == utf8.RuneError {
			return strings.Map(func(r rune) rune {
				if ok(r) {
					return r
				}
				return utf8.RuneError
			}, strings.ToValidUTF8(s, "\uFFFD"))
		}
	}
	return s
}
