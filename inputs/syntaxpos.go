package inputs

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// The YAML parser reports a syntax error by one line only, and often not the
// line at fault: for an unfinished construct it gives the line where the
// enclosing mapping starts (a bad indent on line 7 is reported at line 5),
// and an unclosed quote swallows the following lines until some later quote
// closes it, so the error surfaces far below (line 30 for a quote opened on
// line 18). locateSyntaxError finds the real place by re-parsing prefixes of
// the file: the error lies in the first line L such that no prefix of the
// file longer than L−1 lines parses (earlier failing prefixes are only cut
// inside a construct that a later line closes), and at the first character
// of that line after which no longer prefix of the line parses.

// syntaxSearchBudget bounds the bytes re-parsed to locate one error (the
// search is quadratic in the worst case): a few hundred ms at most, enough
// for any line of a 20,000-line file. Beyond it the parser's own line is
// reported (or, for one huge line, the line without a column).
const syntaxSearchBudget = 16 << 20

// Files and lines beyond these sizes are not searched (each prefix parse
// costs as much as the whole): a larger file keeps the parser's line, a
// longer line gets no column.
const (
	maxSearchedFile = 1 << 20
	maxSearchedLine = 4096
)

// syntaxLocation is where a syntax error is and what it is.
type syntaxLocation struct {
	line, column int
	msg          string
}

// yamlMessage strips yaml.v3's "yaml: line N: " prefix.
var yamlMessage = regexp.MustCompile(`^yaml: (?:line \d+: )?`)

// parseError returns the error of parsing every document of data, or nil.
// A panic of the YAML library on some odd prefix counts as an error.
func parseError(data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		switch err := dec.Decode(&n); {
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		}
	}
}

func locateSyntaxError(data []byte) (syntaxLocation, bool) {
	if len(data) > maxSearchedFile {
		return syntaxLocation{}, false
	}
	var starts []int // byte offset of each line
	for i := 0; i < len(data); {
		starts = append(starts, i)
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	budget := syntaxSearchBudget
	fails := func(prefix []byte) (error, bool) {
		budget -= len(prefix)
		if budget < 0 {
			return nil, false
		}
		return parseError(prefix), true
	}
	// The last prefix of whole lines that parses: lines [0, good).
	good := -1
	var lineErr error
	for k := len(starts) - 1; k >= 0; k-- {
		err, ok := fails(data[:starts[k]])
		if !ok {
			return syntaxLocation{}, false
		}
		if err == nil {
			good = k
			break
		}
	}
	if good < 0 {
		return syntaxLocation{}, false
	}
	base := starts[good]
	end := len(data)
	if good+1 < len(starts) {
		end = starts[good+1]
	}
	line := strings.TrimRight(string(data[base:end]), "\r\n")
	if lineErr = parseError(data[:base+len(line)]); lineErr == nil {
		// Only the line's end (or what follows) breaks it: blame the line.
		lineErr = parseError(data[:end])
	}
	// The last prefix of the line that parses ends just before the culprit.
	culprit, exhausted := 0, len(line) > maxSearchedLine
	for c := len(line) - 1; c >= 0 && !exhausted; c-- {
		if !utf8.RuneStart(line[c]) {
			continue
		}
		err, ok := fails(data[:base+c])
		if !ok {
			exhausted = true
			break
		}
		if err == nil {
			culprit = c
			break
		}
	}
	loc := syntaxLocation{line: good + 1, column: utf8.RuneCountInString(line[:culprit]) + 1}
	msg := "syntax error"
	if lineErr != nil {
		msg = yamlMessage.ReplaceAllString(lineErr.Error(), "")
	}
	if exhausted {
		loc.column = 0
		loc.msg = msg
		return loc, true
	}
	indent := len(line) - len(strings.TrimLeft(line, " "))
	switch ch := byte(0); {
	case culprit < len(line) && (line[culprit] == '"' || line[culprit] == '\''):
		ch = line[culprit]
		if strings.Contains(msg, "end of stream") || strings.Contains(msg, "did not find expected") {
			msg = "unclosed quote: the string that starts here has no closing " + string(ch)
		}
	case culprit < len(line) && (line[culprit] == '{' || line[culprit] == '['):
		ch = line[culprit]
		closing := map[byte]string{'{': "}", '[': "]"}[ch]
		msg = "unclosed " + string(ch) + ": no matching " + closing + " (" + msg + ")"
	case culprit < len(line) && line[culprit] == ':' && culprit > indent && isKeyColon(line, indent, culprit) && indent != previousIndent(data[:base]):
		// "key:" at a wrong indentation: the key is misplaced, not the colon.
		loc.column = indent + 1
		msg += " (check the indentation of this key)"
	case culprit == indent && indent != previousIndent(data[:base]):
		msg += " (check the indentation)"
	}
	loc.msg = msg
	return loc, true
}

// isKeyColon tells whether the colon at c ends the line's first key.
func isKeyColon(line string, indent, c int) bool {
	key := strings.TrimPrefix(line[indent:c], "- ")
	return key != "" && !strings.ContainsAny(key, ":{}[]\"'#")
}

// previousIndent is the indentation of the last line of text in data that
// holds something besides a comment (−1 if none).
func previousIndent(data []byte) int {
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimLeft(lines[i], " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		return len(lines[i]) - len(t)
	}
	return -1
}
