package docxreport

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"time"

	"github.com/planreport/planreport/internal/report"
)

// "RAG at a glance" is a native Word chart (DrawingML): a stacked bar per
// outcome, and one for all actions, with a series per segment of the
// report's chart (each RAG value, in that value's colour; completed
// actions, their counts marked "✓"; open actions given no RAG), on one
// value axis (report.Chart.Axis): from 0 to a multiple of its gridline
// step at or past the longest bar, labelled at each gridline. "RAG over
// time" is a second chart drawn the same way, on its own axis. The chart
// is its own part, word/charts/chartN.xml, with the numbers cached in it
// and its data in an embedded workbook
// (word/embeddings/Microsoft_Excel_WorksheetN.xlsx), whose cells the
// chart's formulas name, so that Word's "Edit Data" opens it.

const (
	chartType   = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	chartRel    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	xlsxType    = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	packageRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
	workbookRel = "rIdPlanreportData" // the id of the workbook's relationship from the chart
	// chartRelID is the id of the chart's relationship from the document.
	chartRelID = "rIdPlanreportChart"
	// chartDocPrID is the chart drawing's id, above those Word gives.
	chartDocPrID = 4001
)

// Sizes of the chart drawing in EMU (914400 to the inch).
const (
	chartBase   = 914400 * 9 / 10 // legend, axis and margins
	chartPerBar = 914400 * 3 / 10
	chartMax    = 914400 * 11 / 2
)

// addedPart is a part Render adds to the package: the chart's, and the
// document properties when the template has none.
type addedPart struct {
	name        string // "word/charts/chart1.xml"
	contentType string // its content type, "" for relationships (by extension)
	data        []byte
}

// chartParts are the parts of the chart: the chart, its relationships and
// its workbook.
type chartParts struct {
	chart, rels, workbook addedPart
	spec                  chartSpec
}

// chartSpec is what one Word chart draws, and how the document names it:
// "RAG at a glance" (mainChart) or "RAG over time" (historyChart).
type chartSpec struct {
	title    string // the drawing's name and the data's title
	segments []report.Segment
	labels   []string    // the bars, top to bottom
	counts   [][]int     // each bar's counts, by segment
	axis     report.Axis // the value axis: its end and gridline step
	descr    string      // the text alternative
	relID    string      // its relationship's id from the document
	docPrID  int         // the drawing's id, above those Word gives
}

// mainChart is "RAG at a glance": the bar of all actions, then each
// outcome's.
func mainChart(r *report.Report) chartSpec {
	labels, counts := categories(r.Chart)
	return chartSpec{title: "RAG at a glance", segments: r.Chart.Segments, labels: labels, counts: counts,
		axis: r.Chart.Axis(), descr: r.Chart.Description(), relID: chartRelID, docPrID: chartDocPrID}
}

func (c *chartParts) parts() []*addedPart { return []*addedPart{&c.chart, &c.rels, &c.workbook} }

// newChart makes the parts of chart spec of report r, numbered with the
// first n for which the package has neither chartN.xml nor the workbook.
func newChart(r *report.Report, spec chartSpec, used func(name string) bool) (*chartParts, error) {
	n := 1
	for used(chartName(n)) || used(workbookName(n)) {
		n++
	}
	workbook, err := chartWorkbook(r, spec)
	if err != nil {
		return nil, fmt.Errorf("writing the Word document: the chart's data: %w", err)
	}
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="` + workbookRel + `" Type="` + packageRel + `" Target="../embeddings/` + path.Base(workbookName(n)) + `"/></Relationships>`
	return &chartParts{
		chart:    addedPart{chartName(n), chartType, chartXML(spec)},
		rels:     addedPart{"word/charts/_rels/chart" + strconv.Itoa(n) + ".xml.rels", "", []byte(rels)},
		workbook: addedPart{workbookName(n), xlsxType, workbook},
		spec:     spec,
	}, nil
}

func chartName(n int) string { return "word/charts/chart" + strconv.Itoa(n) + ".xml" }

func workbookName(n int) string {
	return "word/embeddings/Microsoft_Excel_Worksheet" + strconv.Itoa(n) + ".xlsx"
}

// chartWorkbook is the chart's data as a workbook: a row per bar, its label
// in column A and a column per segment, under a heading row, on Sheet1, the
// sheet the chart's formulas name. It is the smallest package that Excel,
// and so Word's "Edit Data", opens: the workbook, one sheet whose texts are
// inline strings, and the core properties, dated with the report so that it
// too is the same for the same report. It is written here, as the Word
// parts are, with no data descriptor: excelize took about 1.1 ms a chart
// to write the same cells (a new file's theme and styles, then compressing
// and repacking them), which with the two charts put the sample's whole
// run past its 10 ms target. The tests read it back with excelize.
func chartWorkbook(r *report.Report, spec chartSpec) ([]byte, error) {
	var sheet bytes.Buffer
	sheet.WriteString(xmlDecl + `<worksheet xmlns="` + spreadsheetNS + `"><sheetData>`)
	heading := []string{"Bar"}
	for _, seg := range spec.segments {
		heading = append(heading, seg.Name)
	}
	writeRow := func(n int, text []string, numbers []int) {
		row := strconv.Itoa(n)
		sheet.WriteString(`<row r="` + row + `">`)
		col := 0
		for _, t := range text {
			sheet.WriteString(`<c r="` + columnName(col) + row + `" t="inlineStr"><is><t xml:space="preserve">`)
			escape(&sheet, t)
			sheet.WriteString(`</t></is></c>`)
			col++
		}
		for _, v := range numbers {
			sheet.WriteString(`<c r="` + columnName(col) + row + `"><v>` + strconv.Itoa(v) + `</v></c>`)
			col++
		}
		sheet.WriteString(`</row>`)
	}
	writeRow(1, heading, nil)
	for i, l := range spec.labels {
		values := make([]int, len(spec.segments))
		for j := range values {
			values[j] = count(spec.counts[i], j)
		}
		writeRow(i+2, []string{l}, values)
	}
	sheet.WriteString(`</sheetData></worksheet>`)

	date := r.Modified.UTC().Format(time.RFC3339)
	core := xmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + escaped(spec.title) + `</dc:title><dc:creator>` + escaped(report.Creator) + `</dc:creator>` +
		`<dc:language>` + escaped(r.Language) + `</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified></cp:coreProperties>`
	var out bytes.Buffer
	p := newPacker(&out)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", workbookContentTypes},
		{"_rels/.rels", workbookPackageRels},
		{"docProps/core.xml", core},
		{"xl/workbook.xml", workbookPart},
		{"xl/_rels/workbook.xml.rels", workbookRels},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	} {
		if err := p.writeData(part.name, []byte(part.data)); err != nil {
			return nil, err
		}
	}
	if err := p.zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// The fixed parts of a chart's workbook.
const (
	xmlDecl              = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	spreadsheetNS        = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	workbookContentTypes = xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`</Types>`
	workbookPackageRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`</Relationships>`
	workbookPart = xmlDecl + `<workbook xmlns="` + spreadsheetNS + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`</Relationships>`
)

// count is counts[i], or 0 when there is none.
func count(counts []int, i int) int {
	if i < len(counts) {
		return counts[i]
	}
	return 0
}

// categories are the chart's bars, top to bottom, with each bar's counts.
func categories(c report.Chart) ([]string, [][]int) {
	labels := []string{report.OverallLabel}
	counts := [][]int{c.Overall}
	for _, row := range c.Rows {
		labels = append(labels, row.Label)
		counts = append(counts, row.Counts)
	}
	return labels, counts
}

func chartXML(spec chartSpec) []byte {
	labels, counts := spec.labels, spec.counts
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>`)
	b.WriteString(`<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>`)
	for i, v := range spec.segments {
		values := make([]int, len(counts))
		for j := range counts {
			values[j] = count(counts[j], i)
		}
		writeSeries(&b, i, v, labels, values)
	}
	b.WriteString(`<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`)
	// Bars top to bottom in report order; the value axis below them.
	b.WriteString(`<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>`)
	b.WriteString(`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	writeValueAxis(&b, spec.axis)
	b.WriteString(`</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`<c:externalData r:id="` + workbookRel + `"><c:autoUpdate val="0"/></c:externalData>`)
	b.WriteString(`</c:chartSpace>`)
	return b.Bytes()
}

// writeSeries writes the bars' segments of kind v, the i-th.
func writeSeries(b *bytes.Buffer, i int, v report.Segment, labels []string, values []int) {
	index := strconv.Itoa(i)
	b.WriteString(`<c:ser><c:idx val="` + index + `"/><c:order val="` + index + `"/><c:tx><c:strRef><c:f>` + cell(i+1, 1) + `</c:f><c:strCache><c:ptCount val="1"/>`)
	writePoint(b, 0)
	escape(b, v.Name)
	b.WriteString(`</c:v></c:pt></c:strCache></c:strRef></c:tx>`)
	b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="` + v.Colour.Hex() + `"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`)
	// "0;;;" leaves the label of an empty segment blank; the completed
	// segment's count follows its mark, "✓ 2", so that it is told by more
	// than its colour.
	b.WriteString(`<c:dLbls><c:numFmt formatCode="`)
	escape(b, labelFormat(v))
	b.WriteString(`" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(chartText(v.Colour.Text().Hex(), true))
	b.WriteString(`<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
	writeStrCache(b, "cat", column(0, len(labels)), labels)
	writeNumCache(b, column(i+1, len(labels)), values)
	b.WriteString(`</c:ser>`)
}

// labelFormat is the number format of a segment's data labels.
func labelFormat(s report.Segment) string {
	if s.Kind == report.SegmentCompleted {
		return `"` + s.Code + ` "0;;;`
	}
	return "0;;;"
}

// writeValueAxis writes the one value axis of every bar, the report's:
// from 0 to its Max, a gridline every Step, labelled report.ChartAxis.
func writeValueAxis(b *bytes.Buffer, axis report.Axis) {
	m := strconv.Itoa(axis.Max)
	b.WriteString(`<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:max val="` + m + `"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>`)
	b.WriteString(`<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`)
	b.WriteString(`<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"><a:solidFill><a:srgbClr val="404040"/></a:solidFill><a:latin typeface="Arial"/><a:cs typeface="Arial"/></a:defRPr></a:pPr><a:r><a:t>`)
	escape(b, report.ChartAxis)
	b.WriteString(`</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`)
	b.WriteString(`<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/>`)
	b.WriteString(`<c:majorUnit val="` + strconv.Itoa(axis.Step) + `"/></c:valAx>`)
}

// chartText is the text properties of a part of the chart: Arial 9 pt in
// colour.
func chartText(colour string, bold bool) string {
	b := "0"
	if bold {
		b = "1"
	}
	return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="` + b + `"><a:solidFill><a:srgbClr val="` + colour +
		`"/></a:solidFill><a:latin typeface="Arial"/><a:cs typeface="Arial"/></a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr>`
}

// column is the reference of column col (0 for A) of n data rows in the
// chart's workbook, under the heading row.
func column(col, n int) string {
	name := columnName(col)
	return "Sheet1!$" + name + "$2:$" + name + "$" + strconv.Itoa(n+1)
}

// cell is the reference of the cell at column col (0 for A) and row row (1
// for the first) of the chart's workbook.
func cell(col, row int) string {
	return "Sheet1!$" + columnName(col) + "$" + strconv.Itoa(row)
}

// columnName is the spreadsheet name of column col, counting from 0: A,
// B, …, Z, AA.
func columnName(col int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name
}

func writeStrCache(b *bytes.Buffer, element, ref string, labels []string) {
	b.WriteString(`<c:` + element + `><c:strRef><c:f>` + ref + `</c:f><c:strCache><c:ptCount val="` + strconv.Itoa(len(labels)) + `"/>`)
	for i, l := range labels {
		writePoint(b, i)
		escape(b, l)
		b.WriteString(`</c:v></c:pt>`)
	}
	b.WriteString(`</c:strCache></c:strRef></c:` + element + `>`)
}

func writeNumCache(b *bytes.Buffer, ref string, values []int) {
	b.WriteString(`<c:val><c:numRef><c:f>` + ref + `</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="` + strconv.Itoa(len(values)) + `"/>`)
	for i, v := range values {
		writePoint(b, i)
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v), 10))
		b.WriteString(`</c:v></c:pt>`)
	}
	b.WriteString(`</c:numCache></c:numRef></c:val>`)
}

// writePoint starts point i of a cache, up to its value.
func writePoint(b *bytes.Buffer, i int) {
	b.WriteString(`<c:pt idx="`)
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(i), 10))
	b.WriteString(`"><c:v>`)
}

// chartBlock is the "RAG at a glance" section: its heading and the chart,
// or a sentence when there is no action to chart.
func (c *content) chartBlock(b xmlWriter, pg page) {
	para(b, c.style.heading1, "", "", "RAG at a glance")
	if c.chart == nil {
		para(b, c.style.tableText, "", "", report.NoChart)
		return
	}
	para(b, c.style.tableText, `<w:keepNext/>`, "", c.r.ChartNote())
	drawing(b, pg, c.style.tableText, c.chart.spec)
}

// drawing writes the paragraph that holds chart spec, as tall as its bars
// need, its text alternative the spec's.
func drawing(b xmlWriter, pg page, style string, spec chartSpec) {
	height := min(chartBase+chartPerBar*len(spec.labels), chartMax)
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:drawing>`)
	b.WriteString(`<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
		`<wp:extent cx="` + strconv.Itoa(pg.width*635) + `" cy="` + strconv.Itoa(height) + `"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
		`<wp:docPr id="` + strconv.Itoa(spec.docPrID) + `" name="`)
	escape(b, spec.title)
	b.WriteString(`" descr="`)
	escape(b, spec.descr)
	b.WriteString(`"/><wp:cNvGraphicFramePr/>`)
	b.WriteString(`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`)
	b.WriteString(`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="` + spec.relID + `"/>`)
	b.WriteString(`</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
}
