//go:build tools

// This file pins dependencies that are used by code still being written,
// so that `go mod tidy` keeps them. It is never built.
package main

import (
	_ "fyne.io/fyne/v2"
	_ "github.com/chromedp/chromedp"
	_ "github.com/disintegration/imaging"
	_ "github.com/getkin/kin-openapi/openapi3filter"
	_ "github.com/gofrs/flock"
	_ "github.com/sqweek/dialog"
	_ "github.com/zalando/go-keyring"
	_ "golang.org/x/image/draw"
	_ "golang.org/x/oauth2"
)
