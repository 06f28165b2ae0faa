package schema

import "sync"

// ColumnNames holds the set of folded names each column of the format and
// each plan field is known by: its name, its aliases and those the options
// add.
type ColumnNames map[*Column]map[string]bool

// NewColumnNames is the names each column and plan field is known by, with
// the extra aliases given by canonical column name: {"Strategic Lead":
// {"Owner"}}.
func NewColumnNames(aliases map[string][]string) ColumnNames {
	all := ColumnNames{}
	add := func(col *Column) {
		names := map[string]bool{Fold(col.Name): true}
		for _, a := range col.Aliases {
			names[Fold(a)] = true
		}
		for canonical, extra := range aliases {
			if Fold(canonical) == Fold(col.Name) {
				for _, a := range extra {
					names[Fold(a)] = true
				}
			}
		}
		delete(names, "")
		all[col] = names
	}
	for i := range Sheets {
		for c := range Sheets[i].Columns {
			add(&Sheets[i].Columns[c])
		}
	}
	for i := range PlanFields {
		add(&PlanFields[i])
	}
	return all
}

// DefaultColumnNames is the names without extra aliases.
var DefaultColumnNames = sync.OnceValue(func() ColumnNames { return NewColumnNames(nil) })

// HeaderColumn returns the canonical name of the column of the format's
// sheet (by its canonical name) that a header cell names, matched as the
// workbook's headers are, whatever their case, spacing and punctuation and
// by their aliases ("Owner" in Actions is "Strategic Lead"); "" when it
// names none.
func HeaderColumn(sheet, header string) string {
	names := DefaultColumnNames()
	for i := range Sheets {
		if Sheets[i].Name != sheet {
			continue
		}
		for c := range Sheets[i].Columns {
			if col := &Sheets[i].Columns[c]; names[col][Fold(header)] {
				return col.Name
			}
		}
	}
	return ""
}

// PlanFieldName returns the canonical name of the Plan sheet's field that
// a label names ("Organization" is "Organisation"), or "".
func PlanFieldName(label string) string {
	names := DefaultColumnNames()
	for i := range PlanFields {
		if names[&PlanFields[i]][Fold(label)] {
			return PlanFields[i].Name
		}
	}
	return ""
}
