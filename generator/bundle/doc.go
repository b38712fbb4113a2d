// Package bundle packs the offline variant of a built site into a zip that
// consulates unpack on a machine without internet and open from file://,
// signs it, and checks and unpacks such zips safely.
//
// The package works on files in memory and on zip files; it does not build
// pages, read the course's sources or decide what goes in a bundle (the
// caller hands it the offline build), and it never prints except through a
// Progress the caller asks for.
//
// # What is in the zip
//
// A bundle is a zip whose entries are, in this order:
//
//   - MANIFEST.json, described below;
//   - MANIFEST.sig, when the bundle is signed;
//   - the site's files, sorted by path (byte order), at the top of the zip
//     (index.html, fr/module/lesson/index.html, ...).
//
// There are no folder entries (unzip tools create folders from the paths).
// Every entry has the manifest's build time as its MS-DOS time in UTC
// (two-second resolution, clamped to 1980..2107) and no extended-timestamp
// field, Unix mode 0644, and is deflated except formats that are already
// compressed (images, fonts, audio, video, archives), which are stored.
// Paths are relative, use "/", and contain nothing a Windows machine cannot
// create: no "..", drive letters, ":", reserved device names (NUL, COM1) or
// trailing dots and spaces, and no two paths that differ only in case.
//
// So the same files and manifest always give the same bytes, whatever the
// order the caller lists the files in, when written by the same fieldguide
// (the deflate output belongs to the Go release it was built with). The
// build time is not the time of the build: see BuildTime.
//
// # The manifest
//
// MANIFEST.json is UTF-8 JSON, indented by two spaces, ending in a newline:
//
//	{
//	  "format": "fieldguide-bundle/1",
//	  "title": "Identifying and Supporting Victims of Trafficking",
//	  "languages": ["en", "fr"],
//	  "audience": "participant",
//	  "version": "3f9c2a1b7d40",
//	  "built": "2026-11-27T09:14:00Z",
//	  "files": [
//	    {"path": "en/index.html", "size": 5120, "sha256": "9f86d0…"},
//	    …
//	  ]
//	}
//
// format changes only when an older fieldguide could no longer verify a new
// bundle; readers ignore fields they do not know. version is the source
// revision, or VersionID of the files. built is RFC 3339 in UTC, whole
// seconds. files lists every entry except MANIFEST.json and MANIFEST.sig,
// sorted by path, with the uncompressed size in bytes and the lowercase hex
// SHA-256 of the content.
//
// # The signature
//
// MANIFEST.sig is one line of text: the standard base64 (RFC 4648, padded)
// of the 64-byte Ed25519 signature of the exact bytes of MANIFEST.json,
// then "\n". Since the manifest holds every file's hash, it signs the whole
// bundle, and a bundle re-zipped by another tool still verifies. Without
// fieldguide, after unzipping, OpenSSL 3 checks it:
//
//	base64 -d MANIFEST.sig > sig.bin
//	openssl pkeyutl -verify -pubin -inkey NAME.pub -rawin -in MANIFEST.json -sigfile sig.bin
//
// and the hashes are those "sha256sum" prints.
//
// Keys are PEM files written by Keygen: the private key as PKCS #8
// ("PRIVATE KEY", mode 0600), the public key as PKIX ("PUBLIC KEY") in
// NAME.pub, each after a comment line; the public one names the key's
// Fingerprint ("SHA256:…") so it can be confirmed over the phone.
// OpenSSL reads both.
//
// # How Verify decides
//
// Verify first refuses, with an error wrapping ErrUnsafe, any zip that
// could not be unpacked safely (the same checks as Extract, below). It then
// reads MANIFEST.json (no manifest, unreadable JSON, another format, or
// file entries with unsafe paths, duplicates or malformed hashes: an error
// wrapping ErrNotBundle) and reads every other file as a stream, comparing
// size and SHA-256. A file the manifest lists and the zip lacks is Missing;
// one whose content differs or cannot be read back is Altered; one the zip
// has and the manifest does not list is Extra (an added script is as
// dangerous as a changed one). Folder entries are ignored.
//
// Given a public key, Verify also checks MANIFEST.sig; a missing or
// malformed signature is invalid. Without a key only the hashes are
// checked, which detects damage but not tampering: whoever changes a file
// can change the manifest too. Report.OK is true when nothing is missing,
// altered or extra and, if a key was given, the signature is valid.
//
// VerifyDir decides the same way for a copy already unpacked, leaving aside
// the files systems add to folders they show (see VerifyDir).
//
// # Reading zips safely
//
// Verify and Extract read zips that may come from anyone. Before reading
// any content they refuse, wrapping ErrUnsafe: paths that are absolute,
// contain "..", backslashes or drive letters, or break the path rules above;
// symbolic links and other special files (by their mode); duplicate names
// (ignoring case) and files that are also used as folders; encrypted
// entries; more than 65535 entries; a list of entries larger than 16 MiB;
// an entry declaring more than 256 MiB uncompressed, or entries declaring
// more than 2 GiB in total; and bytes that no listed entry accounts for, or
// an entry whose own header names it differently, since tools that stream
// a zip would unpack those while Verify, reading the list at its end, never
// saw them. While reading, an entry is read through a limit
// whatever its header says, and must have exactly its declared size, so a
// zip bomb (a small entry that inflates to gigabytes) is refused after
// reading at most its declared size, never held in memory.
//
// Extract writes only into an empty (or new) folder, through an os.Root,
// with modes 0644 and 0755, creating each file exclusively.
//
// # Checking a site before bundling
//
// SelfCheck finds the references in HTML, SVG, CSS and JavaScript that
// would fail from file:// without internet: absolute URLs the page loads,
// "/"-rooted and "//host" references, links to folders instead of their
// index.html, and relative references to files that are not in the bundle.
// Links to other sites are returned separately, for the report. Write does
// not run SelfCheck: the caller runs it first and decides what a problem
// costs (a bundle with problems does not work offline).
package bundle
