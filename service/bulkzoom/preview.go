package bulkzoom

import (
	"context"
	"errors"

	"logodesk/service/imagefit"
)

// Preview is what one row would send: the fitted picture's description, or
// why its file can't be used. The fitted bytes themselves are not kept.
type Preview struct {
	Index         int // into Plan.Rows
	Row           Row
	MIME          string // "image/jpeg" or "image/png"
	Width, Height int
	Size          int    // bytes that would be sent
	Explanation   string // what fitting did, one plain sentence
	Problem       string // not "" when the file is not a usable image: imagefit's reason
}

// Previews fits every row's file, a few at a time on every core, and calls each
// with the row's Preview as soon as it is ready (rows finish out of order; use
// Index). each is called from one goroutine at a time. Nothing is sent to Zoom.
// It returns ctx.Err() when cancelled.
func Previews(ctx context.Context, plan *Plan, square bool, each func(Preview)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for f := range fitRows(ctx, plan.Rows, square, 0, 1) {
		each(previewOf(plan.Rows[f.index], f))
	}
	return ctx.Err()
}

func previewOf(row Row, f fitted) Preview {
	p := Preview{Index: f.index, Row: row}
	if f.err != nil {
		p.Problem = problemText(f.err)
		return p
	}
	p.MIME, p.Width, p.Height, p.Size, p.Explanation = f.res.MIME, f.res.Width, f.res.Height, len(f.res.Bytes), f.res.Explanation
	return p
}

// problemText is imagefit's reason for an unusable file.
func problemText(err error) string {
	var pr *imagefit.Problem
	if errors.As(err, &pr) {
		return pr.Reason
	}
	return err.Error()
}
