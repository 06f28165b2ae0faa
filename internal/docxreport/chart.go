package docxreport

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/planreport/planreport/internal/report"
)

// "RAG at a glance" is a native Word chart (DrawingML): a stacked bar per
// outcome, and one for all actions, with a segment per RAG value in that
// value's colour. The chart is its own part, word/charts/chartN.xml, with
// the numbers cached in it (there is no embedded workbook, so Word shows
// the chart but cannot edit its data).

const (
	chartType = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	chartRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
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

// addedPart is a part Render adds to the package: the chart, and the
// document properties when the template has none.
type addedPart struct {
	name string // "word/charts/chart1.xml"
	xml  []byte
}

// chartTotal is the number of actions with a RAG value.
func chartTotal(c report.Chart) int {
	total := 0
	for _, n := range c.Overall {
		total += n
	}
	return total
}

// newChartPart makes the chart part of report r, named with the first
// chartN.xml the template does not use.
func newChartPart(r *report.Report, used func(name string) bool) *addedPart {
	name := ""
	for n := 1; name == "" || used(name); n++ {
		name = "word/charts/chart" + strconv.Itoa(n) + ".xml"
	}
	return &addedPart{name: name, xml: chartXML(r.Chart)}
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

func chartXML(c report.Chart) []byte {
	labels, counts := categories(c)
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>`)
	b.WriteString(`<c:barChart><c:barDir val="bar"/><c:grouping val="stacked"/><c:varyColors val="0"/>`)
	for i, v := range c.Values {
		values := make([]int, len(counts))
		for j := range counts {
			if i < len(counts[j]) {
				values[j] = counts[j][i]
			}
		}
		labelColour := "000000"
		if v.Colour.Dark() {
			labelColour = "FFFFFF"
		}
		index := strconv.Itoa(i)
		b.WriteString(`<c:ser><c:idx val="` + index + `"/><c:order val="` + index + `"/><c:tx><c:v>`)
		escape(&b, v.Name)
		b.WriteString(`</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val="` + v.Colour.Hex() + `"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>`)
		// "0;;;" leaves the label of an empty segment blank.
		b.WriteString(`<c:dLbls><c:numFmt formatCode="0;;;" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
		b.WriteString(chartText(labelColour, true))
		b.WriteString(`<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`)
		writeStrCache(&b, "cat", column(0, len(labels)), labels)
		writeNumCache(&b, column(i+1, len(labels)), values)
		b.WriteString(`</c:ser>`)
	}
	b.WriteString(`<c:gapWidth val="60"/><c:overlap val="100"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`)
	// Bars top to bottom in report order; the value axis below them.
	b.WriteString(`<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>`)
	b.WriteString(`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	b.WriteString(`<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>`)
	b.WriteString(`<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`)
	b.WriteString(`<c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/>`)
	b.WriteString(`<c:majorUnit val="` + strconv.Itoa(step(slices.Max(append([]int{1}, c.Overall...)))) + `"/></c:valAx>`)
	b.WriteString(`</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(chartText("404040", false))
	b.WriteString(`</c:chartSpace>`)
	return b.Bytes()
}

// step is the interval between the value axis's gridlines: 1, 2 or 5
// times a power of ten, giving at most ten intervals up to max.
func step(max int) int {
	for unit := 1; ; unit *= 10 {
		for _, s := range []int{unit, 2 * unit, 5 * unit} {
			if max <= 10*s {
				return s
			}
		}
	}
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
// chart's (notional) sheet, under a heading row.
func column(col, n int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return "Sheet1!$" + name + "$2:$" + name + "$" + strconv.Itoa(n+1)
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
// or a sentence when no action has a RAG value.
func (c *content) chartBlock(b xmlWriter, width int) {
	para(b, c.style.heading1, "", "", "RAG at a glance")
	para(b, c.style.tableText, `<w:keepNext/>`, "", c.r.ChartNote())
	if c.chart == nil {
		para(b, c.style.tableText, "", "", report.NoRAG)
		return
	}
	labels, _ := categories(c.r.Chart)
	height := min(chartBase+chartPerBar*len(labels), chartMax)
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + c.style.tableText + `"/></w:pPr><w:r><w:drawing>`)
	b.WriteString(`<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">` +
		`<wp:extent cx="` + strconv.Itoa(width*635) + `" cy="` + strconv.Itoa(height) + `"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
		`<wp:docPr id="` + strconv.Itoa(chartDocPrID) + `" name="RAG at a glance" descr="`)
	escape(b, c.chartDescription())
	b.WriteString(`"/><wp:cNvGraphicFramePr/>`)
	b.WriteString(`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`)
	b.WriteString(`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="` + chartRelID + `"/>`)
	b.WriteString(`</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
}

// chartDescription is the chart's alternative text, for screen readers:
// "All actions: Red 0, Amber 2, Green 15."
func (c *content) chartDescription() string {
	parts := make([]string, len(c.r.Chart.Values))
	for i, v := range c.r.Chart.Values {
		n := 0
		if i < len(c.r.Chart.Overall) {
			n = c.r.Chart.Overall[i]
		}
		parts[i] = v.Name + " " + strconv.Itoa(n)
	}
	return report.OverallLabel + ": " + strings.Join(parts, ", ") + "."
}
