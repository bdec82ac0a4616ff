package model

import "sort"

// Parameter documents a model parameter: a key of `parameters:` in a
// scenario file.
type Parameter struct {
	Name        string
	Unit        string // "" when it has none
	Default     string // "" when it must be given
	Description string
}

// Doc documents a model for `mc models`: what it computes, with its
// reference, and its parameters. Factors and outputs document themselves
// (Factor and Output carry a unit and a description).
type Doc struct {
	Summary    string
	Parameters []Parameter
}

var docs = map[string]Doc{}

// Document records a model's documentation; a model calls it next to
// Register, from an init function. A model without a Doc is still listed,
// with its factors and outputs.
func Document(name string, d Doc) {
	if _, dup := docs[name]; dup {
		panic("model: Document called twice for " + name)
	}
	docs[name] = d
}

// DocOf returns the documentation of the named model.
func DocOf(name string) (Doc, bool) {
	d, ok := docs[name]
	return d, ok
}

// Documented lists the models that have a Doc, sorted.
func Documented() []string {
	var n []string
	for k := range docs {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
