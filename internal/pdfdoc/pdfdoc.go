// Package pdfdoc writes PDF files: pages of filled and stroked rectangles,
// lines and text in embedded TrueType fonts, with document properties and
// bookmarks. It writes only what planreport draws, and writes it fast: a
// font is parsed once per process, a page's content is built by appending
// bytes and compressed in the background as soon as the next page starts,
// on every processor there is (compress.go).
//
// # The file
//
// A PDF 1.7 file with a classic cross-reference table. Its objects, in
// order:
//
//  1. the catalog: the page tree, /OpenAction [first page /FitH null],
//     /PageLayout /SinglePage, /Lang, and with bookmarks /PageMode
//     /UseOutlines and /Outlines;
//  2. the one /Pages node, with /MediaBox (every page has the size given to
//     New) and every page as a kid;
//  3. the resource dictionary all pages share, naming the fonts /F1, /F2, ...
//     in the order AddFont added them (a font nothing was drawn in is left
//     out, and not embedded);
//  4. the document information: /Title, /Author, /Subject, /Creator,
//     /Producer as UTF-16BE text strings, /CreationDate and /ModDate;
//  5. the outline root, when there are bookmarks;
//
// then each page and its content stream (/FlateDecode), each font's five
// objects, and the outline entries (/Title, /Parent, /Prev, /Next, /First,
// /Last, /Count, /Dest [page /XYZ 0 top null]).
//
// # Content
//
// The caller measures in millimetres from the top left of the page; the
// content is in points from the bottom left, with two decimals at most.
// Each page starts from the default graphics state, and the writer sets the
// colours, line width and font when something is drawn with values the page
// has not set yet, so a setting repeated costs nothing. Text is a text
// object per call, its glyph ids two bytes each in a literal string:
// BT /F1 9 Tf 56.69 785.2 Td (\000+\000\253) Tj ET, shown here with
// escapes where the file has the bytes themselves (Tf only when the font or
// size changes).
//
// # Fonts
//
// ParseFont reads a TrueType font's tables (head, hhea, maxp, hmtx, loca,
// glyf, cmap, and name, OS/2 and post when present) and refuses what it
// cannot embed. Each font drawn in is embedded as a Type0 font with
// /Encoding /Identity-H, so that a character code is a glyph id: its
// CIDFontType2 descendant (/CIDToGIDMap /Identity) has the /W widths of the
// glyphs drawn, a font descriptor, the font program (/FontFile2), and a
// /ToUnicode CMap that maps each glyph to the rune it was first drawn for
// (.notdef to U+FFFD), so that text extracts as drawn.
//
// The font program is a subset that keeps glyph ids: glyf holds the
// outlines of the glyphs drawn, .notdef and the components of composite
// glyphs, every other glyph is empty, and loca is rebuilt in the long
// format. It is not hinted: the glyphs' instructions are taken out, and
// with them the hinting tables, since PDF viewers scale outlines freely
// and a hinted font such as Go's is twice the size. It keeps the tables a
// viewer may use (cmap, glyf, head, hhea, hmtx, loca, maxp, name, OS/2, and
// post without glyph names) and drops the others.
// Its name is a tag of six letters, made from the glyphs drawn, a "+" and
// the PostScript name.
//
// The same calls write the same bytes: nothing depends on the clock or on
// the order of a map.
package pdfdoc
