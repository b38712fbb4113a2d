// Package browsertest drives the built course in a real browser (headless
// Chromium through chromedp): the journeys of an officer over HTTP under a
// sub-path (https://example.org/training/, served on 127.0.0.1 with the
// response headers of generator/deploy, strict Content-Security-Policy
// included) and from an unzipped offline copy opened from file://;
// accessibility with axe-core in light and dark, narrow screens and zoom,
// keyboard use, page weight, and the CSP-cleanliness of every built page.
//
// The package has only tests. They build the real course in content/ once
// (TestMain), start one browser and open a new tab per test. Without a
// Chromium binary the browser tests skip, except in CI (CI=true), where they
// fail. axe-core comes from npm: run `npm ci` at the repository root.
//
// Screenshots of failed tests go to browsertest/artifacts/ (git-ignored).
//
// Environment:
//
//	CHROME_PATH   the browser to use (default: chromium, chromium-browser,
//	              google-chrome, google-chrome-stable in PATH)
//	CI=true       a missing browser or missing node_modules fails, not skips
package browsertest
