// Package dateline holds the built-in theme: the repository's own templates/
// and static/ directories, embedded so the binary works in any site
// directory. (go:embed cannot reach "..", so this file sits at the root.)
package dateline

import (
	"embed"
	"io/fs"
)

//go:embed templates/*.html static
var theme embed.FS

// Theme returns the built-in templates/ and static/ directories.
func Theme() fs.FS { return theme }
