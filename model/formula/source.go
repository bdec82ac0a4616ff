package formula

import (
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// source maps byte offsets in a YAML scalar's decoded value (an expression)
// to positions in the file, so that an error inside an expression points at
// the character the user wrote.
//
// yaml.v3 gives only the scalar's start: the first character of a plain
// scalar, the opening quote of a quoted one, the | or > indicator of a block
// scalar. Decoding removes quotes, escapes, indentation and folded line
// breaks, so the value's bytes are matched in order against the raw text
// from that start: each decoded byte is the next raw byte equal to it. This
// is exact for plain and block scalars and for quoted ones without escapes;
// an escape moves the reported column by its length at most. Offsets that
// cannot be matched report the scalar's start.
type source struct {
	file  string
	data  []byte // the whole file
	start Pos    // the scalar's start
	raw   []int  // raw[i]: byte offset in data of decoded byte i; nil if unmapped
}

func newSource(file string, data []byte, n *yaml.Node) *source {
	s := &source{file: file, data: data, start: Pos{File: file, Line: n.Line, Column: n.Column}}
	base := offsetOf(data, n.Line, n.Column)
	if base < 0 {
		return s
	}
	r := base
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		r++
	case yaml.LiteralStyle, yaml.FoldedStyle:
		for r < len(data) && data[r] != '\n' {
			r++
		}
	}
	v := n.Value
	raw := make([]int, len(v)+1)
	for i := 0; i < len(v); i++ {
		for r < len(data) && data[r] != v[i] {
			r++
		}
		if r >= len(data) {
			return s
		}
		raw[i] = r
		r++
	}
	raw[len(v)] = r
	s.raw = raw
	return s
}

// offsetOf is the byte offset of a 1-based line and character column, or −1.
func offsetOf(data []byte, line, col int) int {
	if line < 1 || col < 1 {
		return -1
	}
	off := 0
	for l := 1; l < line; l++ {
		i := indexByte(data[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		if off >= len(data) || data[off] == '\n' {
			return -1
		}
		_, w := utf8.DecodeRune(data[off:])
		off += w
	}
	return off
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// pos returns the position of byte off of the decoded value.
func (s *source) pos(off int) Pos {
	if s == nil {
		return Pos{}
	}
	if s.raw == nil || off < 0 || off >= len(s.raw) || len(s.raw) == 1 {
		return s.start
	}
	r := s.raw[off]
	line, lineStart := 1, 0
	for i := 0; i < r && i < len(s.data); i++ {
		if s.data[i] == '\n' {
			line++
			lineStart = i + 1
		}
	}
	return Pos{File: s.file, Line: line, Column: utf8.RuneCount(s.data[lineStart:r]) + 1}
}
