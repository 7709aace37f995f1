//go:build !unix

package imagefit

// openNoWait is 0 where opening a file never waits for another process (Windows).
const openNoWait = 0
