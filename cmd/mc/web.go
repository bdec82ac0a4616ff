package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"mc/scenarios"
	"mc/web"
)

func cmdWeb(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("web", "[SCENARIO] [--port P] [--export DIR]",
		`Serves the explorer on 127.0.0.1: the engine, compiled to WebAssembly, runs in
the browser; move the factors, see the fan charts change, download the scenario.
With --export DIR, writes the page as static files instead (any static web server
serves them).`, args, stdout, stderr)
	port := fs.Int("port", 8080, "port on 127.0.0.1 (0: any free port)")
	export := fs.String("export", "", "write the explorer as a static site to this folder and exit")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("web takes at most one scenario file")
	}
	var name string
	var text []byte
	if len(pos) == 1 {
		if text, err = os.ReadFile(pos[0]); err != nil {
			var ok bool
			if text, ok = scenarios.Lookup(pos[0]); !ok {
				return usageError{err}
			}
		}
		sc, err := loadScenario(pos[0])
		if err != nil {
			return err
		}
		if err := web.Runnable(sc); err != nil {
			return usagef("mc web cannot run %v", err)
		}
		name = filepath.Base(pos[0])
	}
	files, err := web.Files(name, text)
	if err != nil {
		return err
	}
	if !web.HasEngine() {
		fmt.Fprintln(stderr, "warning: this mc was built without the WebAssembly engine (run `make build`); the page will say so")
	}
	if *export != "" {
		if err := web.Export(*export, files); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote the explorer to %s (serve it with any static web server)\n", *export)
		return nil
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		return usageError{err}
	}
	srv := &http.Server{Handler: web.Handler(files)}
	fmt.Fprintf(stdout, "mc web: serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
