// Package serve is the live preview behind `fieldguide serve`: it builds a
// course into memory, serves it over HTTP, watches the course folder, and
// after every save rebuilds what the save touched and tells the open pages.
//
// # Promise
//
// What it serves is what `fieldguide build` would write for the course as
// it is on disk (with the preview's address as baseURL), byte for byte,
// once a rebuild has settled (pages first, the search index when the saves
// pause), with one addition made as each HTML page is sent: a <script src="/__fieldguide/livereload.js" defer> before
// </body>. A rebuild that fails never replaces the site: the last good
// version stays, and every open page shows the errors over it, with each
// error's file, line, column and source lines, until a good build.
//
// # Watching
//
// fsnotify is not recursive, so every folder of content/, layouts/ and
// static/ is watched, folders created later included, and the course
// folder itself for site.yaml and for those three appearing. Events are
// gathered for a short quiet time (Options.Debounce) so that one save,
// which editors spread over several writes, renames, backup and swap
// files, gives one rebuild; an event during a rebuild cancels it and a
// new one starts with everything that changed. The watcher is not trusted
// alone: every few seconds when idle, the course is compared with what was
// built by size and time, which catches whatever events were lost.
//
// # Live reload
//
// Pages listen to Server-Sent Events at /__fieldguide/events: "reload"
// after a rebuild changed files, "css" when only stylesheets changed (the
// page swaps them without reloading), "errors" when a rebuild failed, "ok"
// when a good build changed nothing but ended a failure. Each connection
// starts with "hello", carrying the server's instance, the site version and
// the current errors, so a page that missed a rebuild or outlived a server
// restart reloads itself.
//
// # Serving
//
// Only files of the built site are served. Paths with "..", encoded or
// not, backslashes or NUL bytes are refused; a folder without its trailing
// slash redirects to it; a missing page gets 404.html with status 404. HTML
// is sent with Cache-Control: no-store, every type with an explicit
// Content-Type. The server listens on loopback unless told otherwise.
//
// The package never writes into the course; with Options.Write it writes
// each good build to that folder through package output.
package serve
