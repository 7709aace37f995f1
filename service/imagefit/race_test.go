//go:build race

package imagefit

// raceDetector: the race detector makes pixel loops ten times slower, so tests that run
// every kind of fit use smaller pictures under it.
const raceDetector = true
