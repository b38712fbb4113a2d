//go:build race

package search

// raceEnabled lets single-goroutine tests that are slow under the race
// detector, and gain nothing from it, do less.
const raceEnabled = true
