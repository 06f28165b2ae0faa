// Package pdfdoc writes tagged PDF files: pages of filled and stroked
// rectangles, lines and text in embedded TrueType fonts, with a structure
// tree, document properties, XMP metadata and bookmarks, made to conform to
// PDF/UA-1 (ISO 14289-1) and PDF/A-2a (ISO 19005-2). It writes only what
// planreport draws, and writes it fast: a font is parsed once per process,
// a page's content is built by appending bytes and compressed in the
// background as soon as the next page starts, on every processor there is
// (compress.go).
//
// # The file
//
// A PDF 1.7 file with a cross-reference stream (PNG Up predictor), whose
// dictionary is the trailer, with a file identifier that is the MD5 of the
// bytes before it. Its objects, in order:
//
//  1. the catalog: the page tree, /OpenAction [first page /FitH null],
//     /PageLayout /SinglePage, /Lang, /MarkInfo << /Marked true >>,
//     /StructTreeRoot, /ViewerPreferences << /DisplayDocTitle true >>,
//     /Metadata, an sRGB /OutputIntents entry (/GTS_PDFA1), and with
//     bookmarks /PageMode /UseOutlines and /Outlines;
//  2. the one /Pages node, with /MediaBox (every page has the size given to
//     New) and every page as a kid;
//  3. the resource dictionary all pages and forms share, naming the fonts
//     /F1, /F2, ... in the order AddFont added them (a font nothing was
//     drawn in is left out, and not embedded) and the forms /Fm1, /Fm2, ...
//     (form.go);
//  4. the document information: /Title, /Author, /Subject, /Creator,
//     /Producer as UTF-16BE text strings, /CreationDate and /ModDate;
//  5. the structure tree root and 6. its parent tree (in an object stream);
//  7. the XMP metadata, uncompressed (archive.go): the same properties, and
//     the PDF/A-2a and PDF/UA-1 identification with the extension schema
//     PDF/A needs for pdfuaid;
//  8. the output intent's ICC profile, sRGB (icc/README.md);
//  9. the outline root, when there are bookmarks;
//
// then each page (/StructParents, /Tabs /S) and its content stream
// (/FlateDecode), each font's five objects (six with a CIDToGIDMap), the forms, the outline entries
// (/Title, /Parent, /Prev, /Next, /First, /Last, /Count, /Dest [page /XYZ 0
// top null]), the structure elements packed 200 to a compressed object stream,
// those object streams, and the cross-reference stream.
//
// # Structure
//
// The caller builds the structure tree, in reading order, and marks what it
// draws as content of an element or as an artifact (tags.go). The writer
// opens and closes the marked-content sequences, numbers them on each page
// (MCIDs), links each from its element and from the parent tree. Text drawn
// with nothing marked is refused; rectangles and lines drawn with nothing
// marked are layout artifacts.
//
// # Content
//
// The caller measures in millimetres from the top left of the page; the
// content is in points from the bottom left, with two decimals at most.
// Each page starts from the default graphics state, and the writer sets the
// colours, line width and font when something is drawn with values the page
// has not set yet, so a setting repeated costs nothing. The lines of text
// drawn one after another in one marked-content sequence share a text
// object, each placed from the one before; their glyph ids are two bytes
// each in a literal string:
// BT /F1 9 Tf 56.69 785.2 Td (\000+\000\253) Tj 0 -10.37 Td (\000$) Tj ET,
// shown here on one line and with escapes where the file has a line break
// after each Tj and the bytes themselves (Tf only when the font or size
// changes).
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
// TextAs draws a rune as another's glyph, U+FFFD's for a character no font
// has, and keeps the rune as its text: each distinct rune so drawn is a
// character code of its own past the font's glyph ids, which a
// /CIDToGIDMap stream maps to the glyph drawn (the glyphs drawn to
// themselves, as /Identity does, and the others to 0) and the ToUnicode
// CMap to the rune; the run also has the runes as its /ActualText. A font
// TextAs did not draw in keeps /CIDToGIDMap /Identity, and the same bytes.
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
// the PostScript name. The metrics of the glyphs not drawn are zero, so
// that a font of thousands of glyphs costs little more than those drawn.
// A rune the font has no glyph for is refused rather than drawn as .notdef,
// which PDF/A forbids.
//
// The same calls write the same bytes: nothing depends on the clock or on
// the order of a map.
package pdfdoc
