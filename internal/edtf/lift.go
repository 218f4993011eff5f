package edtf

// Lifted is a date whose qualifiers, where they hold for all of it, are
// taken out of its text so that a page can say them once, in words, beside
// it ("21 June 2025" and "uncertain", not "21 June 2025?" and "uncertain").
// A qualifier on only one end of an interval stays in the text, where it
// says which end it belongs to.
type Lifted struct {
	Date                   Date
	Uncertain, Approximate bool
}

// Lift returns d with the qualifiers common to all its known ends lifted.
func (d Date) Lift() Lifted {
	l := Lifted{Date: d}
	hs, he := d.hasStart(), d.hasEnd()
	if !hs && !he {
		return l
	}
	all := func(q func(Point) bool) bool { return (!hs || q(d.Start)) && (!he || q(d.End)) }
	if all(func(p Point) bool { return p.Uncertain }) {
		l.Uncertain = true
		l.Date.Start.Uncertain, l.Date.End.Uncertain = false, false
	}
	if all(func(p Point) bool { return p.Approximate }) {
		l.Approximate = true
		l.Date.Start.Approximate, l.Date.End.Approximate = false, false
	}
	return l
}
