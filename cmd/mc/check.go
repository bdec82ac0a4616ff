package main

import (
	"fmt"
	"io"

	"mc/results"
)

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "DIR",
		`Checks that DIR holds the complete results of one run: its manifest.json
(written last by 'mc run', 'mc merge' and 'mc compare') exists, every file it
lists is there with its size and SHA-256, and no result file of another run
lies beside them. Exit 0 if complete, 1 if not.`, args, stdout, stderr)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("check takes one folder")
	}
	m, err := results.CheckFolder(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: complete results of %s, %d files\n", pos[0], m, len(m.Files))
	for _, f := range m.Files {
		fmt.Fprintf(stdout, "  %-22s %12d bytes  sha256 %s\n", f.Name, f.Size, f.SHA256)
	}
	return nil
}
