//go:build unix

package imagefit

import (
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe, a socket or a device is refused from its type, before it is opened:
// opening a pipe with no writer used to wait forever.
func TestReadFileRefusesPipesSocketsAndDevices(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "photo.jpg")
	must(t, syscall.Mkfifo(fifo, 0o644))
	// If ReadFile ever opens the pipe and waits, this writer end lets it go at the end.
	t.Cleanup(func() {
		if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
	})
	sock := filepath.Join(dir, "s.png")
	l, err := net.Listen("unix", sock)
	must(t, err)
	defer l.Close()
	const want = "This isn't a regular file. Drop a picture file saved on your computer."
	for _, path := range []string{fifo, sock, "/dev/null"} {
		assertProblem(t, path, readFileOrGiveUp(t, func() error { _, err := ReadFile(path); return err }), want)
	}
	// A pipe swapped in between the type check and the open: the open does not wait and
	// the opened file is checked again.
	assertProblem(t, "swapped in", readFileOrGiveUp(t, func() error {
		f, err := openRegular(fifo)
		if err == nil {
			f.Close()
		}
		return err
	}), want)
}

// readFileOrGiveUp runs f and fails the test if it has not returned after a minute:
// a blocked open never returns, and a minute is far beyond any real read of a test file.
func readFileOrGiveUp(t *testing.T, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("reading the file is still waiting after a minute")
		return nil
	}
}
