package main

import (
	"fmt"
	"io"

	"mc/results"
)

// maxFlagsShown bounds the flagged bands listed on the terminal.
const maxFlagsShown = 5

// printBandFlags lists the bands whose statistics are not all within their
// documented accuracy (column flag of bands.parquet), so that none is read
// as if it were fine.
func printBandFlags(w io.Writer, rows []results.BandRow) {
	var flagged []results.BandRow
	for _, r := range rows {
		if r.Flag != "" {
			flagged = append(flagged, r)
		}
	}
	if len(flagged) == 0 {
		return
	}
	fmt.Fprintf(w, "\nWarning: %d of %d bands are flagged (column flag of bands.parquet):\n", len(flagged), len(rows))
	for i, r := range flagged {
		if i == maxFlagsShown {
			fmt.Fprintf(w, "  … and %d more\n", len(flagged)-i)
			break
		}
		fmt.Fprintf(w, "  %s %s: %s\n", r.Output, yearString(r.Year), r.Flag)
	}
}
