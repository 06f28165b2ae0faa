package pdfdoc

import "strconv"

// outlineNode links an outline entry, or the root, into the tree: each
// field is the index of another node, -1 for none.
type outlineNode struct {
	parent, prev, next, first, last int
	count                           int // descendants, all open
}

// outlineTree links the bookmarks, whose levels Bookmark has checked, into
// a tree. Node i is bookmark i; the last node is the root.
func outlineTree(bookmarks []bookmark) []outlineNode {
	root := len(bookmarks)
	nodes := make([]outlineNode, root+1)
	nodes[root] = outlineNode{parent: -1, prev: -1, next: -1, first: -1, last: -1}
	chain := []int{root} // chain[l] is the parent of a node at level l
	for i, b := range bookmarks {
		chain = chain[:b.level+1]
		parent := chain[b.level]
		prev := nodes[parent].last
		nodes[i] = outlineNode{parent: parent, prev: prev, next: -1, first: -1, last: -1}
		if prev >= 0 {
			nodes[prev].next = i
		} else {
			nodes[parent].first = i
		}
		nodes[parent].last = i
		for a := parent; a >= 0; a = nodes[a].parent {
			nodes[a].count++
		}
		chain = append(chain, i)
	}
	return nodes
}

// writeOutlines writes the outline root and its entries, all open, each
// pointing at its page and height (/XYZ).
func (d *Doc) writeOutlines(p *objWriter, l layout) {
	if l.outlines == 0 {
		return
	}
	nodes := outlineTree(d.bookmarks)
	obj := func(i int) int {
		if i == len(d.bookmarks) {
			return l.outlines
		}
		return l.bookmarks + i
	}
	for i, n := range nodes {
		p.begin(obj(i))
		if i == len(d.bookmarks) {
			p.b = append(p.b, "<< /Type /Outlines"...)
		} else {
			b := d.bookmarks[i]
			p.b = append(p.b, "<< /Title "...)
			p.b = appendTextString(p.b, b.title)
			p.b = append(p.b, " /Parent "...)
			p.ref(obj(n.parent))
			p.b = append(p.b, " /Dest ["...)
			p.ref(l.page(b.page))
			p.b = append(p.b, " /XYZ 0 "...)
			p.b = appendNum(p.b, b.top)
			p.b = append(p.b, " null]"...)
		}
		for _, link := range []struct {
			key  string
			node int
		}{{" /Prev ", n.prev}, {" /Next ", n.next}, {" /First ", n.first}, {" /Last ", n.last}} {
			if link.node >= 0 {
				p.b = append(p.b, link.key...)
				p.ref(obj(link.node))
			}
		}
		if n.count > 0 {
			p.b = append(p.b, " /Count "...)
			p.b = strconv.AppendInt(p.b, int64(n.count), 10)
		}
		p.end(" >>")
	}
}
