// Search engine: the tokenizer, the index reader and the ranker behind the
// search box. assets/js/40-search.js (on every page, small) loads this file
// the first time the box is used, so pages do not carry it.
//
// The index is built by generator/search and comes as classic <script> files
// (search/<lang>/<name>.js), each calling window.__fieldguideSearch.add(lang,
// name, id, data). A query loads the files it needs, the first time it needs
// them (see Index below), so the index costs nothing to readers who never
// search and little to the first query; and it works from file:// (a zip
// opened on a consulate's machine) as it does over HTTP: no fetch, no module,
// no worker, no WebAssembly. Each file is small, so that reading one never
// stalls typing.
(function () {
  "use strict";

  // ---------------------------------------------------------------------
  // Tokenizer: the same function as generator/search/tokenize.go. The Go
  // parity test runs both over a table of strings and over every code point,
  // so change the two together.
  // ---------------------------------------------------------------------

  // Word_Break property values, as in github.com/rivo/uniseg (Unicode 15.0).
  var prAny = 0, prCR = 1, prLF = 2, prNewline = 3, prWSegSpace = 4,
    prDoubleQuote = 5, prSingleQuote = 6, prMidNumLet = 7, prNumeric = 8,
    prMidLetter = 9, prMidNum = 10, prExtendNumLet = 11, prALetter = 12,
    prFormat = 13, prHebrewLetter = 14, prKatakana = 15, prExtend = 16,
    prZWJ = 17, prExtPict = 18, prRI = 19;

  // States of the word break machine, as in uniseg's wordrules.go.
  var wbAny = 0, wbCR = 1, wbLF = 2, wbNewline = 3, wbWSegSpace = 4,
    wbHebrewLetter = 5, wbALetter = 6, wbWB7 = 7, wbWB7c = 8, wbNumeric = 9,
    wbWB11 = 10, wbKatakana = 11, wbExtendNumLet = 12, wbOddRI = 13,
    wbEvenRI = 14, wbZWJBit = 16;

  var reKatakana = /\p{Script=Katakana}/u;
  var reHebrew = /\p{Script=Hebrew}/u;
  var reLo = /\p{Lo}/u;
  var reExtend = /[\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}]/u;
  var reCf = /\p{Cf}/u;
  var reNd = /\p{Nd}/u;
  var rePc = /\p{Pc}/u;
  var reZs = /\p{Zs}/u;
  var reAlphabetic = /\p{Alphabetic}/u;
  // Letters that UAX #29 leaves out of ALetter: ideographs, hiragana, and the
  // scripts written without spaces (Line_Break=Complex_Context).
  var reNotALetter = /[\p{Ideographic}\p{Script=Hiragana}\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}\p{Script=Ahom}]/u;
  var reExtPict = /\p{Extended_Pictographic}/u;
  var reLetterOrDigit = /[\p{L}\p{N}]/u;
  var reMark = /\p{M}/u;
  var reMnMe = /[\p{Mn}\p{Me}]/u;
  var reCJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u;

  function inList(cp, list) {
    for (var i = 0; i < list.length; i += 2) {
      if (cp >= list[i] && cp <= list[i + 1]) return true;
    }
    return false;
  }
  var midNumLet = [0x2E, 0x2E, 0x2018, 0x2019, 0x2024, 0x2024, 0xFE52, 0xFE52, 0xFF07, 0xFF07, 0xFF0E, 0xFF0E];
  var midLetter = [0x3A, 0x3A, 0xB7, 0xB7, 0x387, 0x387, 0x55F, 0x55F, 0x5F4, 0x5F4, 0x2027, 0x2027, 0xFE13, 0xFE13, 0xFE55, 0xFE55, 0xFF1A, 0xFF1A];
  var midNum = [0x2C, 0x2C, 0x3B, 0x3B, 0x37E, 0x37E, 0x589, 0x589, 0x60C, 0x60D, 0x66C, 0x66C, 0x7F8, 0x7F8, 0x2044, 0x2044, 0xFE10, 0xFE10, 0xFE14, 0xFE14, 0xFE50, 0xFE50, 0xFE54, 0xFE54, 0xFF0C, 0xFF0C, 0xFF1B, 0xFF1B];
  var katakanaExtra = [0x3031, 0x3035, 0x309B, 0x309C, 0x30A0, 0x30A0, 0x30FC, 0x30FC, 0xFF70, 0xFF70];
  var aLetterExtra = [0x2C2, 0x2C5, 0x2D2, 0x2D7, 0x2DE, 0x2DF, 0x2E5, 0x2EB, 0x2ED, 0x2ED, 0x2EF, 0x2FF, 0x55A, 0x55C, 0x55E, 0x55E, 0x58A, 0x58A, 0x5F3, 0x5F3, 0xA720, 0xA721, 0xA708, 0xA716, 0xA789, 0xA78A, 0xAB5B, 0xAB5B];
  // Format characters that are Prepend in grapheme clusters, so not Format here.
  var prepend = [0x600, 0x605, 0x6DD, 0x6DD, 0x70F, 0x70F, 0x890, 0x891, 0x8E2, 0x8E2, 0x110BD, 0x110BD, 0x110CD, 0x110CD];

  // Fast paths for the letters of Arabic, Chinese and Korean, the course's
  // scripts beyond ASCII: without them, a first query in one of them
  // compiles most of the \p{...} regexps above, 3 ms or more before its
  // term shards can be asked for. commonLetter is a letter that is neither
  // a mark nor a format character; TestTokenizeParityEveryCodePoint holds
  // the fast paths to uniseg and Go, as it does the regexps.
  function isArabicLetter(cp) { return cp >= 0x620 && cp <= 0x64A; }
  function isHan(cp) { return cp >= 0x4E00 && cp <= 0x9FFF; }
  function isHangul(cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }
  function commonLetter(cp) { return isArabicLetter(cp) || isHan(cp) || isHangul(cp); }
  function isMarkCP(cp, c) { return cp >= 0x300 && !commonLetter(cp) && reMark.test(c); }
  function isCJKCP(cp, c) { return isHan(cp) || isHangul(cp) || cp >= 0x1100 && !isArabicLetter(cp) && reCJK.test(c); }
  // hasLetterOrDigit is reLetterOrDigit.test(s), without the regexp when
  // an ASCII or common letter or digit comes first.
  function hasLetterOrDigit(s) {
    var other = false;
    for (var i = 0; i < s.length; i++) {
      var u = s.charCodeAt(i);
      if (u < 128) {
        if (u >= 48 && u <= 57 || u >= 65 && u <= 90 || u >= 97 && u <= 122) return true;
      } else if (commonLetter(u)) {
        return true;
      } else {
        other = true;
      }
    }
    return other && reLetterOrDigit.test(s);
  }

  function classify(cp) {
    if (isArabicLetter(cp) || isHangul(cp)) return prALetter;
    if (isHan(cp)) return prAny;
    if (cp === 0x0A) return prLF;
    if (cp === 0x0D) return prCR;
    if (cp === 0x0B || cp === 0x0C || cp === 0x85 || cp === 0x2028 || cp === 0x2029) return prNewline;
    if (cp === 0x200D) return prZWJ;
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return prRI;
    // uniseg finds these (negative squared letters) as pictographs, not letters.
    if (cp >= 0x1F170 && cp <= 0x1F189) return prExtPict;
    if (cp === 0x27) return prSingleQuote;
    if (cp === 0x22) return prDoubleQuote;
    var c = String.fromCodePoint(cp);
    if (reKatakana.test(c) || inList(cp, katakanaExtra)) return prKatakana;
    if (reHebrew.test(c) && reLo.test(c)) return prHebrewLetter;
    if (reExtend.test(c)) return prExtend;
    if (reCf.test(c) && cp !== 0x200B && cp !== 0x200C && !inList(cp, prepend)) return prFormat;
    if (inList(cp, midNumLet)) return prMidNumLet;
    if (inList(cp, midLetter)) return prMidLetter;
    if (inList(cp, midNum)) return prMidNum;
    if (reNd.test(c) || cp === 0x66B) return prNumeric;
    if (rePc.test(c) || cp === 0x202F) return prExtendNumLet;
    if (reZs.test(c) && cp !== 0xA0 && cp !== 0x2007) return prWSegSpace;
    if ((reAlphabetic.test(c) || inList(cp, aLetterExtra)) && !reNotALetter.test(c)) return prALetter;
    if (reExtPict.test(c)) return prExtPict;
    return prAny;
  }

  // The property of each ASCII character, as classify gives it, written
  // out: classify compiles the \p{...} regular expressions above, which
  // takes milliseconds that a first query in ASCII need not wait for.
  // TestTokenizeParityEveryCodePoint holds the table to uniseg.
  var asciiProps = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    4, 0, 5, 0, 0, 0, 0, 6, 0, 0, 0, 0, 10, 0, 7, 0, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9, 10, 0, 0, 0, 0,
    0, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 0, 0, 0, 0, 11,
    0, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 0, 0, 0, 0, 0
  ];
  var propCache = new Map();
  function wordBreakProperty(cp) {
    if (cp < 128) return asciiProps[cp];
    var p = propCache.get(cp);
    if (p === undefined) {
      p = classify(cp);
      propCache.set(cp, p);
    }
    return p;
  }

  // wbTransition is uniseg's wbTransitions: [newState, break, rule], or null.
  function wbTransition(state, prop) {
    switch (state * 32 + prop) {
      case wbAny * 32 + prNewline: return [wbNewline, true, 32];
      case wbAny * 32 + prCR: return [wbCR, true, 32];
      case wbAny * 32 + prLF: return [wbLF, true, 32];
      case wbNewline * 32 + prAny: return [wbAny, true, 31];
      case wbCR * 32 + prAny: return [wbAny, true, 31];
      case wbLF * 32 + prAny: return [wbAny, true, 31];
      case wbCR * 32 + prLF: return [wbLF, false, 30];
      case wbAny * 32 + prWSegSpace: return [wbWSegSpace, true, 9990];
      case wbWSegSpace * 32 + prWSegSpace: return [wbWSegSpace, false, 34];
      case wbAny * 32 + prALetter: return [wbALetter, true, 9990];
      case wbAny * 32 + prHebrewLetter: return [wbHebrewLetter, true, 9990];
      case wbALetter * 32 + prALetter: return [wbALetter, false, 50];
      case wbALetter * 32 + prHebrewLetter: return [wbHebrewLetter, false, 50];
      case wbHebrewLetter * 32 + prALetter: return [wbALetter, false, 50];
      case wbHebrewLetter * 32 + prHebrewLetter: return [wbHebrewLetter, false, 50];
      case wbWB7 * 32 + prALetter: return [wbALetter, false, 70];
      case wbWB7 * 32 + prHebrewLetter: return [wbHebrewLetter, false, 70];
      case wbHebrewLetter * 32 + prSingleQuote: return [wbAny, false, 71];
      case wbWB7c * 32 + prHebrewLetter: return [wbHebrewLetter, false, 73];
      case wbAny * 32 + prNumeric: return [wbNumeric, true, 9990];
      case wbNumeric * 32 + prNumeric: return [wbNumeric, false, 80];
      case wbALetter * 32 + prNumeric: return [wbNumeric, false, 90];
      case wbHebrewLetter * 32 + prNumeric: return [wbNumeric, false, 90];
      case wbNumeric * 32 + prALetter: return [wbALetter, false, 100];
      case wbNumeric * 32 + prHebrewLetter: return [wbHebrewLetter, false, 100];
      case wbWB11 * 32 + prNumeric: return [wbNumeric, false, 110];
      case wbAny * 32 + prKatakana: return [wbKatakana, true, 9990];
      case wbKatakana * 32 + prKatakana: return [wbKatakana, false, 130];
      case wbAny * 32 + prExtendNumLet: return [wbExtendNumLet, true, 9990];
      case wbALetter * 32 + prExtendNumLet: return [wbExtendNumLet, false, 131];
      case wbHebrewLetter * 32 + prExtendNumLet: return [wbExtendNumLet, false, 131];
      case wbNumeric * 32 + prExtendNumLet: return [wbExtendNumLet, false, 131];
      case wbKatakana * 32 + prExtendNumLet: return [wbExtendNumLet, false, 131];
      case wbExtendNumLet * 32 + prExtendNumLet: return [wbExtendNumLet, false, 131];
      case wbExtendNumLet * 32 + prALetter: return [wbALetter, false, 132];
      case wbExtendNumLet * 32 + prHebrewLetter: return [wbHebrewLetter, false, 132];
      case wbExtendNumLet * 32 + prNumeric: return [wbNumeric, false, 132];
      case wbExtendNumLet * 32 + prKatakana: return [wbKatakana, false, 132];
    }
    return null;
  }

  // wordBreakStep is uniseg's transitionWordBreakState: the state after code
  // point cp, and whether a word ends before it. s and next locate the rest
  // of the text for the rules that look one character further.
  function wordBreakStep(state, cp, s, next) {
    var prop = wordBreakProperty(cp);
    if (prop === prZWJ) {
      if (state === wbNewline || state === wbCR || state === wbLF) return [wbAny | wbZWJBit, true];
      if (state < 0) return [wbAny | wbZWJBit, false];
      return [state | wbZWJBit, false];
    } else if (prop === prExtend || prop === prFormat) {
      if (state === wbNewline || state === wbCR || state === wbLF) return [wbAny, true];
      if (state === wbWSegSpace || state === (wbAny | wbZWJBit)) return [wbAny, false];
      if (state < 0) return [wbAny, false];
      return [state, false];
    } else if (prop === prExtPict && state >= 0 && (state & wbZWJBit) !== 0) {
      return [wbAny, false];
    }
    if (state >= 0) state = state & ~wbZWJBit;

    var newState, brk, rule;
    var t = wbTransition(state, prop);
    if (t) {
      newState = t[0]; brk = t[1]; rule = t[2];
    } else {
      var anyProp = wbTransition(state, prAny);
      var anyState = wbTransition(wbAny, prop);
      if (anyProp && anyState) {
        newState = anyState[0]; brk = anyState[1]; rule = anyState[2];
        if (anyProp[2] < anyState[2]) { brk = anyProp[1]; rule = anyProp[2]; }
      } else if (anyProp) {
        newState = anyProp[0]; brk = anyProp[1]; rule = anyProp[2];
      } else if (anyState) {
        newState = anyState[0]; brk = anyState[1]; rule = anyState[2];
      } else {
        newState = wbAny; brk = true; rule = 9990;
      }
    }

    var far = -1;
    if (rule > 60 && (state === wbALetter || state === wbHebrewLetter || state === wbNumeric) &&
      (prop === prMidLetter || prop === prMidNumLet || prop === prSingleQuote ||
        prop === prDoubleQuote || prop === prMidNum)) {
      for (var i = next; i < s.length;) {
        var c = s.codePointAt(i);
        i += c > 0xFFFF ? 2 : 1;
        var p = wordBreakProperty(c);
        if (p === prExtend || p === prFormat || p === prZWJ) continue;
        far = p;
        break;
      }
    }
    if (rule > 60 && (state === wbALetter || state === wbHebrewLetter) &&
      (prop === prMidLetter || prop === prMidNumLet || prop === prSingleQuote) &&
      (far === prALetter || far === prHebrewLetter)) {
      return [wbWB7, false];
    }
    if (rule > 72 && state === wbHebrewLetter && prop === prDoubleQuote && far === prHebrewLetter) {
      return [wbWB7c, false];
    }
    if (rule > 120 && state === wbNumeric &&
      (prop === prMidNum || prop === prMidNumLet || prop === prSingleQuote) && far === prNumeric) {
      return [wbWB11, false];
    }
    if (newState === wbAny && prop === prRI) {
      if (state !== wbOddRI && state !== wbEvenRI) return [wbOddRI, true];
      if (state === wbOddRI) return [wbEvenRI, false];
      return [wbOddRI, true];
    }
    return [newState, brk];
  }

  // wordSegments returns the [start, end) of every UAX #29 word segment of s.
  function wordSegments(s) {
    var bounds = [];
    if (!s) return bounds;
    var cp = s.codePointAt(0);
    var i = cp > 0xFFFF ? 2 : 1;
    var state = wordBreakStep(-1, cp, s, i)[0];
    var start = 0;
    while (i < s.length) {
      cp = s.codePointAt(i);
      var next = i + (cp > 0xFFFF ? 2 : 1);
      var step = wordBreakStep(state, cp, s, next);
      state = step[0];
      if (step[1]) {
        bounds.push([start, i]);
        start = i;
      }
      i = next;
    }
    bounds.push([start, s.length]);
    return bounds;
  }

  // Folding: see foldRune in tokenize.go.
  var droppedMarks = [0x300, 0x36F, 0x483, 0x489, 0x591, 0x5C7, 0x610, 0x61A, 0x64B, 0x65F, 0x670, 0x670,
    0x6D6, 0x6ED, 0x8CA, 0x8FF, 0x1AB0, 0x1AFF, 0x1DC0, 0x1DFF, 0x20D0, 0x20FF, 0xFE00, 0xFE0F, 0xFE20, 0xFE2F];
  var specialFold = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "ð": "d", "þ": "th",
    "\u2019": "'", "\u2018": "'",
    "\u0671": "\u0627", "\u0649": "\u064A", "\u0629": "\u0647", "\u0640": "",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9"
  };

  function foldOne(c) {
    var cp = c.codePointAt(0);
    if (cp >= 0x80 && !commonLetter(cp)) {
      if (inList(cp, droppedMarks) && reMnMe.test(c)) return "";
      if (cp === 0x200B) return " ";
      if (reCf.test(c)) return "";
    }
    var m = specialFold[c];
    return m === undefined ? c : m;
  }

  var foldCache = new Map();
  function foldCodePoint(cp) {
    var f = foldCache.get(cp);
    if (f !== undefined) return f;
    var out = "";
    if (cp === 0x439 || cp === 0x419) {
      out = "й"; // й stays a letter of its own; ё folds to е
    } else {
      for (var c of String.fromCodePoint(cp).normalize("NFKD")) {
        var lower = c.toLowerCase();
        if (lower !== c) {
          for (var d of lower.normalize("NFKD")) out += foldOne(d);
        } else {
          out += foldOne(c);
        }
      }
    }
    f = out.normalize("NFC");
    foldCache.set(cp, f);
    return f;
  }

  // normalizeText folds text; with withMap it also returns, for every UTF-16
  // unit of the result, where its character starts and ends in text.NFC, so
  // that matches can be highlighted in the text as shown.
  function normalizeText(text, withMap) {
    text = text.normalize("NFC");
    var out = "", starts = withMap ? [] : null, ends = withMap ? [] : null;
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var len = cp > 0xFFFF ? 2 : 1;
      var f;
      if (cp < 128) {
        f = cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : text[i];
      } else {
        f = foldCodePoint(cp);
      }
      out += f;
      if (withMap) {
        for (var k = 0; k < f.length; k++) { starts.push(i); ends.push(i + len); }
      }
      i += len;
    }
    return { text: out, source: text, starts: starts, ends: ends };
  }

  function codePoints(s) { return Array.from(s); }

  // scanNormalized: see tokenize.go. Pieces are {text, cjk, start, end},
  // offsets in UTF-16 units of the normalized text.
  function scanNormalized(s) {
    var pieces = [];
    var segs = wordSegments(s);
    for (var si = 0; si < segs.length; si++) {
      var seg = s.slice(segs[si][0], segs[si][1]);
      if (!hasLetterOrDigit(seg)) continue;
      var parts = seg.split("'");
      var at = segs[si][0];
      for (var pi = 0; pi < parts.length; pi++) {
        appendScriptRuns(pieces, parts[pi], at);
        at += parts[pi].length + 1;
      }
    }
    return pieces;
  }

  function appendScriptRuns(pieces, word, start) {
    var runStart = 0, runCJK = false, first = true;
    function flush(end) {
      var text = word.slice(runStart, end);
      if (!text || !hasLetterOrDigit(text)) return;
      var last = pieces[pieces.length - 1];
      if (runCJK && last && last.cjk && last.end === start + runStart) {
        last.text += text;
        last.end = start + end;
        return;
      }
      pieces.push({ text: text, cjk: runCJK, start: start + runStart, end: start + end });
    }
    for (var i = 0; i < word.length;) {
      var cp = word.codePointAt(i);
      var c = String.fromCodePoint(cp);
      if (first) {
        runCJK = isCJKCP(cp, c);
        first = false;
      } else if (!isMarkCP(cp, c)) {
        var isC = isCJKCP(cp, c);
        if (isC !== runCJK) {
          flush(i);
          runStart = i;
          runCJK = isC;
        }
      }
      i += c.length;
    }
    flush(word.length);
  }

  // cjkUnits splits a CJK run into characters with their following marks.
  function cjkUnits(run) {
    var units = [];
    var cps = codePoints(run);
    for (var i = 0; i < cps.length; i++) {
      if (units.length > 0 && isMarkCP(cps[i].codePointAt(0), cps[i])) units[units.length - 1] += cps[i];
      else units.push(cps[i]);
    }
    for (var j = 0; j < units.length; j++) units[j] = units[j].normalize("NFC");
    return units;
  }

  // withoutArticle: see tokenize.go.
  var arabicArticles = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0627\u0644", "\u0644\u0644"];
  function withoutArticle(word) {
    for (var i = 0; i < arabicArticles.length; i++) {
      if (word.startsWith(arabicArticles[i])) {
        var rest = word.slice(arabicArticles[i].length);
        return codePoints(rest).length >= 2 ? rest : "";
      }
    }
    return "";
  }

  // Light stemming: see stem.go, whose rules these are, word for word.
  var ENGLISH_PLURALS = 1, FRENCH_PLURALS = 2;
  function pluralsOf(lang) {
    var primary = String(lang || "").split("-")[0].toLowerCase();
    return primary === "en" ? ENGLISH_PLURALS : primary === "fr" ? FRENCH_PLURALS : 0;
  }
  var englishInvariants = {
    news: true, customs: true, series: true, species: true, always: true,
    perhaps: true, whereas: true, does: true, goes: true
  };
  function isLetterWord(word) {
    for (var i = 0; i < word.length; i++) {
      var c = word.charCodeAt(i);
      if (c < 97 || c > 122) return false;
    }
    return true;
  }
  // singular returns [stem, alone], or null: see singular in stem.go.
  function singular(plurals, word) {
    var n = word.length;
    if (plurals === ENGLISH_PLURALS) {
      if (n < 4 || word.charAt(n - 1) !== "s") return null;
      var before = word.charAt(n - 2);
      if (before === "s" || before === "u" || before === "i") return null;
      if (!isLetterWord(word) || englishInvariants.hasOwnProperty(word)) return null;
      if (before === "e" && n >= 5) {
        var third = word.charAt(n - 3), fourth = word.charAt(n - 4);
        if (third === "i" && fourth !== "a" && fourth !== "e") return [word.slice(0, n - 3) + "y", false];
        if (third === "s" && fourth === "s" || third === "h" && (fourth === "s" || fourth === "c") || third === "x") {
          return [word.slice(0, n - 2), true];
        }
      }
      return [word.slice(0, n - 1), true];
    }
    if (plurals === FRENCH_PLURALS) {
      if (n < 5 || !isLetterWord(word)) return null;
      var last = word.charAt(n - 1);
      if (last === "s") {
        if (word.charAt(n - 2) === "s" || word === "cours") return null;
        return [word.slice(0, n - 1), true];
      }
      if (last === "x") {
        if (word === "travaux") return ["travail", false];
        if (/(?:eaux|eux|oux)$/.test(word)) return [word.slice(0, n - 1), true];
        if (/aux$/.test(word)) return [word.slice(0, n - 3) + "al", false];
      }
    }
    return null;
  }
  // pushWord adds the terms of a word (folded, not CJK, without an
  // Arabic article): see emitWord in stem.go.
  function pushWord(terms, word, plurals) {
    var s = plurals ? singular(plurals, word) : null;
    if (!s) {
      terms.push(word);
      return;
    }
    if (!s[1]) terms.push(word);
    terms.push(s[0]);
  }
  var arabicNotProclitic = {};
  ["كانت", "كانوا", "كانا", "فيها", "فيهم", "فيهما", "فيما", "كلما", "كلها", "كلهم",
    "واحد", "واحدا", "واحده", "وحده", "وحدها", "وحدهم", "وجهه", "وجهها", "بناء", "بناءا",
    "لكنه", "لكنها", "لكنهم", "ليست", "بينما", "بينهم", "بينها"].forEach(function (w) { arabicNotProclitic[w] = true; });
  function isProclitic(c) {
    return c === "\u0648" || c === "\u0641" || c === "\u0628" || c === "\u0643" || c === "\u0644"; // و ف ب ك ل
  }
  // procliticForms: see stem.go.
  function procliticForms(word) {
    var first = word.charAt(0);
    if (!isProclitic(first) || withoutArticle(word) || arabicNotProclitic.hasOwnProperty(word)) return null;
    var forms = [];
    function add(form) {
      if (form && form !== word && forms.indexOf(form) < 0) forms.push(form);
    }
    var rest = word.slice(1);
    if (codePoints(rest).length < 3) return null;
    add(rest);
    add(withoutArticle(rest));
    var second = rest.charAt(0);
    if ((first === "\u0648" || first === "\u0641") && (second === "\u0628" || second === "\u0643" || second === "\u0644")) {
      rest = rest.slice(1);
      if (codePoints(rest).length >= 3) {
        add(rest);
        add(withoutArticle(rest));
      }
    }
    return forms;
  }

  // tokenize returns the index terms of text in language lang: see
  // Tokenize in tokenize.go.
  function tokenize(text, lang) {
    var terms = [], plurals = pluralsOf(lang);
    var pieces = scanNormalized(normalizeText(text, false).text);
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (!p.cjk) {
        var word = p.text.normalize("NFC");
        var stem = withoutArticle(word);
        if (stem) {
          terms.push(word, stem);
          continue;
        }
        pushWord(terms, word, plurals);
        continue;
      }
      var units = cjkUnits(p.text);
      for (var j = 0; j < units.length; j++) {
        terms.push(units[j]);
        if (j + 1 < units.length) terms.push(units[j] + units[j + 1]);
      }
    }
    return terms;
  }

  // queryTerms: see queryTerms in tokenize.go. A term is {text, prefix,
  // alts}: alts are the other terms it matches as they are.
  function queryTerms(query, lang) {
    var s = normalizeText(query, false).text, plurals = pluralsOf(lang);
    var pieces = scanNormalized(s);
    var terms = [], seen = new Set();
    function add(text, prefix, alts) {
      if (seen.has(text)) return;
      seen.add(text);
      terms.push({ text: text, prefix: prefix, alts: alts || [] });
    }
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (p.cjk) {
        var units = cjkUnits(p.text);
        if (units.length === 1) { add(units[0], false); continue; }
        for (var j = 0; j + 1 < units.length; j++) add(units[j] + units[j + 1], false);
        continue;
      }
      var word = p.text.normalize("NFC"), prefix = i === pieces.length - 1 && p.end === s.length;
      var stem = withoutArticle(word);
      if (stem) {
        add(stem, prefix);
        continue;
      }
      var forms = procliticForms(word);
      if (forms) {
        add(word, prefix, forms);
        continue;
      }
      var one = plurals ? singular(plurals, word) : null;
      if (one) {
        if (prefix) add(word, true, [one[0]]);
        else add(one[0], false);
        continue;
      }
      add(word, prefix);
    }
    return terms;
  }


  // ---------------------------------------------------------------------
  // Index: files written by generator/search (doc.go says the format). A
  // language's index is split so that a query reads only what it needs:
  // the meta file (once), the term shards that hold its words, and the doc
  // shards of the results it returns. Each file is asked for the first time
  // a query needs it, through the loader the search box gives (ix.load),
  // and arrives by calling add.
  // ---------------------------------------------------------------------

  var FORMAT_VERSION = 4;
  var VARINT_LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
  var VARINT_MORE = "ghijklmnopqrstuvwxyz0123456789-_";
  var digit = [];
  for (var di = 0; di < 128; di++) digit.push(-1);
  for (di = 0; di < 32; di++) {
    digit[VARINT_LAST.charCodeAt(di)] = di;
    digit[VARINT_MORE.charCodeAt(di)] = 32 + di;
  }

  // readVarint reads the number at s[pos]; it leaves the position after it
  // in varintEnd, which saves allocating a pair for every number.
  var varintEnd = 0;
  function readVarint(s, pos) {
    var v = 0, scale = 1;
    for (;;) {
      var d = digit[s.charCodeAt(pos++)];
      if (d === undefined || d < 0) throw new Error("corrupt search index");
      if (d < 32) {
        varintEnd = pos;
        return v + d * scale;
      }
      v += (d - 32) * scale;
      scale *= 32;
    }
  }

  // readTerms decodes a front-coded list of terms, calling each(term) or,
  // with lengths, each(term, the number that follows it).
  function readTerms(dict, lengths, each) {
    var pos = 0, previous = "";
    while (pos < dict.length) {
      var shared = readVarint(dict, pos);
      var end = dict.indexOf(" ", varintEnd);
      if (end < 0 || shared > previous.length) throw new Error("corrupt search index");
      previous = previous.slice(0, shared) + dict.slice(varintEnd, end);
      pos = end + 1;
      if (lengths) {
        var length = readVarint(dict, pos);
        pos = varintEnd;
        each(previous, length);
      } else {
        each(previous);
      }
    }
  }

  // One language's index: what the meta file says, the shards that have
  // come (by name: "t3", "d12"), and the callbacks waiting for others.
  function newIndex(lang) {
    return {
      lang: lang, load: null, id: null, error: null,
      meta: false, files: {}, requested: {}, waiting: {},
      loaded: [], // names in the order they came: for tests and the benchmark
      n: 0, lens: null, avgLen: -1, shardFirsts: [], docStarts: [],
      carried: {} // shards that came in another file (the offline meta file)
    };
  }
  var indexes = {};
  function indexFor(lang) {
    return indexes[lang] || (indexes[lang] = newIndex(lang));
  }

  // add is what every index file calls when it runs.
  function add(lang, name, id, data) {
    var ix = indexFor(lang);
    if (ix.error || (name === "meta" ? ix.meta : ix.files[name])) return; // run twice, or too late
    if (name !== "meta" && !ix.meta) {
      // A doc shard the offline meta file carries, before its meta call:
      // kept until then, and read with it.
      ix.carried[name] = [id, data];
      return;
    }
    try {
      if (name === "meta") {
        if (!data || data.v !== FORMAT_VERSION) {
          throw new Error("search index format " + (data && data.v) + ", want " + FORMAT_VERSION);
        }
        readMeta(ix, data);
        ix.id = id;
        ix.meta = true;
        for (var carried in ix.carried) {
          if (ix.carried[carried][0] !== id) throw new Error("the search index changed while it loaded: reload the page");
          ix.files[carried] = ix.carried[carried][1];
          ix.carried[carried] = true;
        }
      } else {
        // A shard of another build: the site changed since the meta file
        // came, and the shard's numbers mean other terms and sections.
        if (id !== ix.id) throw new Error("the search index changed while it loaded: reload the page");
        ix.files[name] = name.charAt(0) === "t" ? readTermShard(data) : data;
      }
    } catch (e) {
      fail(ix, String(e && e.message || e));
      return;
    }
    ix.loaded.push(name);
    var waiting = ix.waiting[name] || [];
    delete ix.waiting[name];
    for (var i = 0; i < waiting.length; i++) waiting[i](null);
  }

  // readMeta reads the meta file: what says which shard holds what at
  // once, the sections' average length (for ranking only) in a task of
  // its own, which runs while the term shards of the first query load.
  function readMeta(ix, data) {
    var n = data.n, pos, start = 0;
    ix.n = n;
    readTerms(data.terms || "", false, function (t) { ix.shardFirsts.push(t); });
    var docs = data.docs || "";
    for (pos = 0; pos < docs.length; pos = varintEnd) {
      ix.docStarts.push(start);
      start += readVarint(docs, pos);
    }
    if (start !== n) throw new Error("corrupt search index");
    // len[doc] is the section's number of terms times two, plus one if
    // it opens its page.
    if (!Array.isArray(data.len) || data.len.length !== n) throw new Error("corrupt search index");
    ix.lens = data.len;
    setTimeout(function () { averageLength(ix); }, 0);
  }

  // averageLength is the sections' average number of terms, for BM25:
  // the same number, from the same operations, as in Load in query.go.
  function averageLength(ix) {
    if (ix.avgLen < 0) {
      var lens = ix.lens, total = 0;
      for (var i = 0; i < lens.length; i++) total += lens[i] >> 1;
      ix.avgLen = ix.n ? total / ix.n : 0;
    }
    return ix.avgLen;
  }

  // readTermShard decodes a shard's dictionary, which says where each
  // term's postings start: they are read when a query needs them.
  function readTermShard(data) {
    var s = { terms: [], df: [], start: [], post: data.post || "" };
    var post = s.post, pos = 0;
    readTerms(data.terms || "", true, function (term, length) {
      s.terms.push(term);
      s.df.push(readVarint(post, pos));
      s.start.push(varintEnd);
      pos += length;
    });
    if (pos !== post.length) throw new Error("corrupt search index");
    return s;
  }

  // fail marks the index as broken (a file did not load, or is of another
  // build) and answers everything waiting with the error.
  function fail(ix, message) {
    if (ix.error) return;
    ix.error = message;
    var waiting = ix.waiting;
    ix.waiting = {};
    for (var name in waiting) {
      for (var i = 0; i < waiting[name].length; i++) waiting[name][i](message);
    }
  }

  // need calls done(null) once every named file has come (at once if they
  // have), or done(error) if one cannot; it asks for those not yet asked for.
  function need(ix, names, done) {
    var missing = 1, finished = false;
    function arrived(err) {
      if (finished) return;
      if (err || --missing === 0) {
        finished = true;
        done(err || null);
      }
    }
    for (var i = 0; i < names.length && !ix.error; i++) {
      var name = names[i];
      if (name === "meta" ? ix.meta : ix.files[name]) continue;
      missing++;
      (ix.waiting[name] || (ix.waiting[name] = [])).push(arrived);
      if (!ix.requested[name]) {
        ix.requested[name] = true;
        if (ix.load) ix.load(name); // may call add before it returns
        else fail(ix, "no loader for the search index of " + ix.lang);
      }
    }
    arrived(ix.error);
  }

  // preload asks for the meta file, which every query needs: the search box
  // does it when it gets the focus, while the reader starts typing. An
  // offline meta file also carries the doc shards of the sections that
  // open their pages, where most first screens are.
  function preload(lang) {
    need(indexFor(lang), ["meta"], function () {});
  }

  // prefetch asks for the term shards a query will read, without running
  // it: the search box calls it at every key, so that the shards load
  // during the pause before the query runs. A prefix shorter than 3
  // characters is left out: it may begin terms of many shards, most of
  // which the word being typed will not need.
  function prefetch(lang, text) {
    var ix = indexFor(lang), terms = queryTerms(text, lang);
    if (!terms.length) return;
    need(ix, ["meta"], function (err) {
      if (err) return;
      var names = [];
      for (var i = 0; i < terms.length; i++) {
        if (terms[i].prefix && terms[i].text.length < 3) continue;
        var shards = termShardsOf(ix, terms[i]);
        for (var k = 0; k < shards.length; k++) names.push("t" + shards[k]);
      }
      need(ix, names, function () {});
    });
  }

  // upperBound is the first index of a sorted array of strings greater than s.
  function upperBound(a, s) {
    var lo = 0, hi = a.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (a[mid] <= s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // lowerBound is the first index of a sorted array of strings not less than s.
  function lowerBound(a, s) {
    var lo = 0, hi = a.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (a[mid] < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // termShardsOf returns the term shards that may hold a query term: the
  // last one whose first term is not greater than it and, for a prefix, the
  // ones after it whose first term it begins (the terms a prefix begins are
  // contiguous in the dictionary). See termShardsOf in query.go.
  // The shard of each of its alternatives (queryTerm.alts) comes after.
  function termShardsOf(ix, t) {
    var i = upperBound(ix.shardFirsts, t.text), out = [];
    if (i > 0) out.push(i - 1);
    for (; t.prefix && i < ix.shardFirsts.length && ix.shardFirsts[i].startsWith(t.text); i++) out.push(i);
    var alts = t.alts || [];
    for (var a = 0; a < alts.length; a++) {
      var k = upperBound(ix.shardFirsts, alts[a]);
      if (k > 0 && out.indexOf(k - 1) < 0) out.push(k - 1);
    }
    return out;
  }

  function docShardOf(ix, doc) {
    return upperBound(ix.docStarts, doc) - 1; // upperBound works on numbers too
  }

  // Ranking: the same numbers, in the same order, as scoreTerm and Query in
  // generator/search/query.go.
  var K1 = 1.2, B = 0.75, TITLE_BOOST = 3.5, TITLE_BOOST_REST = 0.5, HEADING_BOOST = 2,
    PREFIX_WEIGHT = 0.7, MAX_EXPANSIONS = 30;

  // SMALL_STEP is how many doc shards a query may ask for with those of
  // its first screen rather than after them (see query).
  var SMALL_STEP = 4;

  // exactTerm returns the candidate for a term of the dictionary, or null:
  // the term is in the last shard whose first term is not greater.
  function exactTerm(ix, term) {
    var k = upperBound(ix.shardFirsts, term);
    if (k === 0) return null;
    var s = ix.files["t" + (k - 1)], i = lowerBound(s.terms, term);
    return i < s.terms.length && s.terms[i] === term ? { shard: s, term: i, weight: 1 } : null;
  }

  // candidates are the terms a query term stands for, in the shards that
  // termShardsOf names (all loaded): its alternatives, itself, and for a
  // prefix the terms it begins, most frequent first (the order of
  // candidates in query.go).
  function candidates(ix, t) {
    var out = [], alts = t.alts || [];
    for (var a = 0; a < alts.length; a++) {
      var c = exactTerm(ix, alts[a]);
      if (c) out.push(c);
    }
    var i0 = upperBound(ix.shardFirsts, t.text), shards = [];
    if (i0 > 0) shards.push(i0 - 1);
    for (; t.prefix && i0 < ix.shardFirsts.length && ix.shardFirsts[i0].startsWith(t.text); i0++) shards.push(i0);
    if (!shards.length) return out;
    var s = ix.files["t" + shards[0]];
    var i = lowerBound(s.terms, t.text);
    if (i < s.terms.length && s.terms[i] === t.text) {
      out.push({ shard: s, term: i, weight: 1 });
      i++;
    }
    if (!t.prefix) return out;
    var expansions = [];
    for (var k = 0; k < shards.length; k++) {
      if (k > 0) {
        s = ix.files["t" + shards[k]];
        i = 0;
      }
      for (; i < s.terms.length && s.terms[i].startsWith(t.text); i++) expansions.push({ shard: s, term: i });
    }
    // Array sort is stable: equally frequent terms stay in dictionary order.
    expansions.sort(function (a, b) { return b.shard.df[b.term] - a.shard.df[a.term]; });
    for (var e = 0; e < expansions.length && e < MAX_EXPANSIONS; e++) {
      expansions[e].weight = PREFIX_WEIGHT;
      out.push(expansions[e]);
    }
    return out;
  }

  // rank scores the sections that hold every query term, with the term
  // shards loaded: see Query in generator/search/query.go. It returns the
  // number of them and the first limit (all if limit <= 0) as [{doc,
  // score}], best first. It reads every posting of every candidate term,
  // tens of thousands for a common word, so it works on typed arrays and
  // decodes numbers inline: the first query runs it before the browser
  // has compiled it.
  function rank(ix, terms, limit) {
    var n = ix.n, lens = ix.lens, avgLen = averageLength(ix); // if its task has not run yet
    var sum = new Float64Array(n), best = new Float64Array(n);
    // matched[doc] is how many of the query terms so far doc holds.
    var matched = new Int32Array(n), touched = new Int32Array(n);
    for (var i = 0; i < terms.length; i++) {
      var count = 0, cands = candidates(ix, terms[i]);
      for (var c = 0; c < cands.length; c++) {
        var s = cands[c].shard, df = s.df[cands[c].term], weight = cands[c].weight;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        var post = s.post, pos = s.start[cands[c].term], doc = 0, d, v, scale;
        for (var p = df; p > 0; p--) {
          for (v = 0, scale = 1; (d = digit[post.charCodeAt(pos++)]) >= 32; scale *= 32) v += (d - 32) * scale;
          doc += v + d * scale;
          for (v = 0, scale = 1; (d = digit[post.charCodeAt(pos++)]) >= 32; scale *= 32) v += (d - 32) * scale;
          var flags = v + d * scale;
          if (matched[doc] !== i) continue; // it lacks an earlier term
          var tf = flags >> 2; // tf < 2^29: a section is not that long
          // As scoreTerm in query.go, operation for operation.
          var lengthRatio = avgLen > 0 ? (lens[doc] >> 1) / avgLen : 1;
          var w = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengthRatio));
          if (flags & 2) w += lens[doc] & 1 ? TITLE_BOOST : TITLE_BOOST_REST;
          if (flags & 1) w += HEADING_BOOST;
          var score = weight * (idf * w);
          if (best[doc] === 0) touched[count++] = doc;
          if (score > best[doc]) best[doc] = score;
        }
        if (!(doc < n)) throw new Error("corrupt search index");
      }
      for (var k = 0; k < count; k++) {
        doc = touched[k];
        sum[doc] += best[doc];
        best[doc] = 0;
        matched[doc] = i + 1;
      }
    }
    // The sections touched by the last term are those that hold them all.
    // The best limit of them, ties to a section that opens its page, then
    // to the one that comes first (see Query in query.go): one goes
    // before those it beats. Only the sections found are looked at, not
    // all n: the first query runs this before the browser has compiled it.
    // after says whether section d1, of score s1, goes after d2, of s2.
    function after(s1, d1, s2, d2) {
      if (s1 !== s2) return s1 < s2;
      var f1 = lens[d1] & 1, f2 = lens[d2] & 1;
      return f1 !== f2 ? f1 < f2 : d1 > d2;
    }
    var top = [];
    for (k = 0; k < count; k++) {
      doc = touched[k];
      score = Math.round(sum[doc] * 1e6) / 1e6;
      if (limit <= 0) {
        top.push({ doc: doc, score: score });
        continue;
      }
      var last = top[limit - 1];
      if (last && after(score, doc, last.score, last.doc)) continue;
      var at = top.length;
      while (at > 0 && after(top[at - 1].score, top[at - 1].doc, score, doc)) at--;
      top.splice(at, 0, { doc: doc, score: score });
      if (top.length > limit) top.pop();
    }
    if (limit <= 0) top.sort(function (a, b) { return after(a.score, a.doc, b.score, b.doc) ? 1 : after(b.score, b.doc, a.score, a.doc) ? -1 : 0; });
    return { total: count, top: top };
  }

  // slugOf is the id of a heading of ASCII, Arabic letters and CJK
  // ideographs, as package markdown makes it: a doc shard writes such a
  // section's anchor as 1 when it is the slug of its heading. See
  // headingSlug in shards.go.
  function slugOf(heading) {
    var out = "", dash = false;
    for (var i = 0; i < heading.length; i++) {
      var c = heading.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      if (c >= 97 && c <= 122 || c >= 48 && c <= 57 || c >= 0x621 && c <= 0x64A || c >= 0x4E00 && c <= 0x9FFF) {
        if (dash && out) out += "-";
        dash = false;
        out += String.fromCharCode(c);
      } else if (c !== 39) {
        dash = true;
      }
    }
    return out;
  }

  // bestPassage returns which passage of a doc shard's row ([page,
  // anchor, heading, text, ...], a text per passage of a long section) to
  // show: the first of those whose text shows the most query terms, as
  // the index files its words: as tokenize gives them, and an Arabic word
  // with a particle under a bare form that is a term of the index (the
  // ranking found the section through it). See bestPassage in passage.go.
  function bestPassage(ix, row, terms, lang) {
    var best = 0, most = 0;
    if (row.length < 5) return 0;
    for (var p = 3; p < row.length; p++) {
      var tokens = tokenize(row[p], lang), count = 0, found = [];
      for (var k = 0; k < tokens.length; k++) {
        var token = tokens[k], forms = null;
        for (var i = 0; i < terms.length; i++) {
          if (found[i]) continue;
          var t = terms[i];
          if (!termMatches(t, token)) {
            if (!mayHaveProclitic(token)) continue;
            if (!forms) forms = procliticForms(token) || [];
            var f = 0;
            while (f < forms.length && !(termMatches(t, forms[f]) && isTerm(ix, forms[f]))) f++;
            if (f === forms.length) continue;
          }
          found[i] = true;
          count++;
        }
      }
      if (count > most) {
        best = p - 3;
        most = count;
      }
    }
    return best;
  }

  // termMatches: see queryTerm.matches in passage.go.
  function termMatches(t, token) {
    return token === t.text || t.prefix && token.startsWith(t.text) || (t.alts || []).indexOf(token) >= 0;
  }

  // mayHaveProclitic: see stem.go. 8 UTF-8 bytes at least, beginning with
  // a letter of U+0600–U+067F.
  function mayHaveProclitic(token) {
    var c = token.charCodeAt(0);
    if (!(c >= 0x600 && c <= 0x67F)) return false;
    var bytes = 0;
    for (var i = 0; i < token.length && bytes < 8; i++) {
      var u = token.charCodeAt(i);
      bytes += u < 0x80 ? 1 : u < 0x800 ? 2 : 0xD800 <= u && u <= 0xDFFF ? 2 : 3; // a surrogate pair takes 4
    }
    return bytes >= 8;
  }

  // isTerm reports whether term is a term of the dictionary. A bare form
  // that a query term matches is in a term shard the query loaded (that
  // of the term, of an alternative, or of the terms a prefix begins).
  function isTerm(ix, term) {
    var k = upperBound(ix.shardFirsts, term);
    return k > 0 && !!ix.files["t" + (k - 1)] && exactTerm(ix, term) !== null;
  }

  // query answers a query of lang with at most limit results (all if limit
  // <= 0): it calls done({terms, total, results, files}) once the files it
  // needs have come, at once if they have, or done({error}) if one cannot
  // load. files names the files the answer read. With first > 0, it may
  // answer first with the first results only, marked more: true, as soon
  // as they can be shown, then again with all: the results of a query are
  // spread over the site, and the search box shows the first few while
  // the doc shards of the others load. The returned job's cancel() stops
  // it from calling done: the search box cancels a query when a newer one
  // starts, so that an old answer never replaces a newer one. Files asked
  // for are loaded all the same, for the next query.
  function query(lang, text, limit, done, first) {
    var ix = indexFor(lang), terms = queryTerms(text, lang), files = {};
    var job = { canceled: false, cancel: function () { job.canceled = true; } };
    function answer(found, last) {
      if (job.canceled) return;
      if (last) job.canceled = true;
      found.terms = terms;
      var read = {};
      for (var name in files) read[ix.carried[name] ? "meta" : name] = true;
      found.files = Object.keys(read).sort();
      done(found);
    }
    function step(names, then) {
      for (var i = 0; i < names.length; i++) files[names[i]] = true;
      need(ix, names, function (err) {
        if (err) answer({ total: 0, results: [], error: err }, true);
        else if (!job.canceled) then();
      });
    }
    // show returns the results for ranked, whose doc shards have come.
    function show(ranked) {
      var results = [];
      for (var r = 0; r < ranked.length; r++) {
        var doc = ranked[r].doc, shard = docShardOf(ix, doc);
        var d = ix.files["d" + shard], row = d.docs[doc - ix.docStarts[shard]], page = d.pages[row[0]];
        results.push({
          doc: doc, url: page[0], anchor: typeof row[1] === "number" ? slugOf(row[2]) : row[1], title: page[1], section: row[2], text: row[3 + bestPassage(ix, row, terms, lang)],
          lang: page[2] || "", dir: page[3] || "", // a page in another language than the index's
          score: ranked[r].score
        });
      }
      return results;
    }
    if (!terms.length) {
      answer({ total: 0, results: [] }, true);
      return job;
    }
    step(["meta"], function () {
      var names = [];
      for (var i = 0; i < terms.length; i++) {
        var shards = termShardsOf(ix, terms[i]);
        for (var k = 0; k < shards.length; k++) names.push("t" + shards[k]);
      }
      step(names, function () {
        var found = ix.n ? rank(ix, terms, limit) : { total: 0, top: [] };
        var ranked = found.top, total = found.total;
        var docShards = [], missing = {}, firstFiles = 0, restFiles = 0;
        for (var r = 0; r < ranked.length; r++) {
          var name = "d" + docShardOf(ix, ranked[r].doc);
          docShards.push(name);
          if (ix.files[name] || missing[name]) continue;
          missing[name] = true;
          if (r < first) firstFiles++;
          else restFiles++;
        }
        function rest() {
          step(docShards, function () {
            answer({ total: total, results: show(ranked) }, true);
          });
        }
        if (!firstFiles || restFiles <= SMALL_STEP) {
          rest();
          return;
        }
        // The first screen's shards are asked for alone, and the others
        // once they have come. Chromium loads script files side by side
        // but hands them over in a batch: on a blank page from file://, 18
        // files asked for at once all ran after 60–150 ms, while 5 alone
        // ran after 25–40 ms and the 13 others 40–70 ms later. On a lesson
        // of the 4,000-page test course the first screen came about 25 ms
        // sooner and the whole list about 25 ms later: the first screen is
        // what the reader sees. A few more files cost less than a step
        // (4 files of 150 KB ran after 20–55 ms), so they come with it.
        step(docShards.slice(0, first), function () {
          answer({ total: total, results: show(ranked.slice(0, first)), more: true }, false);
          rest();
        });
      });
    });
    return job;
  }

  // ---------------------------------------------------------------------
  // Snippets: the matched words of a text, found with the same tokenizer
  // and mapped back to the text as shown.
  // ---------------------------------------------------------------------

  function escapeHTML(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;";
    });
  }

  // matchRanges returns the text (in NFC) and the [start, end) ranges of it
  // that match a query term of language lang, in order and merged. A word
  // matches as the index files it: whole, without its article, as its
  // singular or its bare forms (see tokenize and procliticForms).
  function matchRanges(text, terms, lang) {
    var n = normalizeText(text, true), plurals = pluralsOf(lang);
    var ranges = [];
    function mark(a, b) { // normalized offsets → source offsets
      ranges.push([n.starts[a], n.ends[b - 1]]);
    }
    function matches(token, cjk, asPrefix) {
      for (var i = 0; i < terms.length; i++) {
        var q = terms[i].text;
        if (token === q || (asPrefix && !cjk && terms[i].prefix && token.startsWith(q))) return true;
        if (!cjk && terms[i].alts && terms[i].alts.indexOf(token) >= 0) return true;
      }
      return false;
    }
    function wordMatches(word) {
      var stem = withoutArticle(word);
      if (matches(word, false, true) || (stem && matches(stem, false, true))) return true;
      if (stem) return false;
      var forms = procliticForms(word) || [], one = plurals ? singular(plurals, word) : null;
      if (one) forms.push(one[0]);
      for (var f = 0; f < forms.length; f++) {
        if (matches(forms[f], false, false)) return true;
      }
      return false;
    }
    var pieces = scanNormalized(n.text);
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (!p.cjk) {
        if (wordMatches(p.text.normalize("NFC"))) mark(p.start, p.end);
        continue;
      }
      // Offsets of the CJK units within the run.
      var offsets = [], at = p.start, units = [];
      var cps = codePoints(p.text);
      for (var k = 0; k < cps.length; k++) {
        if (units.length && reMark.test(cps[k])) {
          units[units.length - 1] += cps[k];
          offsets[offsets.length - 1][1] += cps[k].length;
        } else {
          units.push(cps[k]);
          offsets.push([at, at + cps[k].length]);
        }
        at += cps[k].length;
      }
      for (var u = 0; u < units.length; u++) {
        var unit = units[u].normalize("NFC");
        if (matches(unit, true)) mark(offsets[u][0], offsets[u][1]);
        if (u + 1 < units.length && matches(unit + units[u + 1].normalize("NFC"), true)) {
          mark(offsets[u][0], offsets[u + 1][1]);
        }
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    for (var r = 0; r < ranges.length; r++) {
      var last = merged[merged.length - 1];
      if (last && ranges[r][0] <= last[1]) last[1] = Math.max(last[1], ranges[r][1]);
      else merged.push(ranges[r].slice());
    }
    return { text: n.source, ranges: merged };
  }

  var reWide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

  // Where a window may begin in text without spaces: after a CJK or full-width
  // punctuation mark, which ends a clause.
  var reClauseEnd = /[\u3001\u3002\uFF01\uFF0C\uFF1A\uFF1B\uFF1F]/;

  // highlight returns text as HTML, escaped, with the matches in <mark>.
  // With maxWidth, it shows a window of about that many columns (a CJK
  // character takes two) around the first match, with ellipses where it
  // cuts: from a third of the window before the match, or earlier when the
  // text ends before the window is full, beginning and ending at a space
  // (in text without spaces, after a punctuation mark if one is near) so
  // that no word is cut.
  function highlight(text, terms, maxWidth, lang) {
    var m = matchRanges(text || "", terms, lang);
    var s = m.text, from = 0, to = s.length;
    var width = function (i) { return reWide.test(s[i]) ? 2 : 1; };
    var widthOf = function (a, b) {
      var w = 0;
      for (var i = a; i < b; i++) w += width(i);
      return w;
    };
    if (maxWidth && widthOf(0, s.length) > maxWidth) {
      var first = m.ranges.length ? m.ranges[0][0] : 0, w;
      from = first;
      for (w = 0; from > 0 && w + width(from - 1) <= maxWidth / 3; from--) w += width(from - 1);
      to = from;
      for (w = 0; to < s.length && w + width(to) <= maxWidth; to++) w += width(to);
      if (to === s.length) {
        // The match is near the end: the window ends with the text, and
        // shows as much before the match as it holds.
        for (w = widthOf(from, to); from > 0 && w + width(from - 1) <= maxWidth; from--) w += width(from - 1);
      }
      if (from > 0 && !/\s/.test(s[from - 1])) {
        // Begin with a whole word: after the first space (or clause mark)
        // between here and the match; without one, where the match begins.
        var k = from;
        while (k < first && !/\s/.test(s[k - 1]) && !reClauseEnd.test(s[k - 1])) k++;
        from = k;
      }
      if (to < s.length) {
        var cut = s.lastIndexOf(" ", to);
        if (cut > from + (to - from) / 2 && cut >= (m.ranges.length ? m.ranges[0][1] : 0)) to = cut;
        // Never split a surrogate pair.
        if (to > 0 && s.charCodeAt(to - 1) >= 0xD800 && s.charCodeAt(to - 1) <= 0xDBFF) to--;
      }
      if (from > 0 && s.charCodeAt(from) >= 0xDC00 && s.charCodeAt(from) <= 0xDFFF) from--;
    }
    var html = from > 0 ? "…" : "";
    var at = from;
    for (var i = 0; i < m.ranges.length; i++) {
      var a = Math.max(m.ranges[i][0], from), b = Math.min(m.ranges[i][1], to);
      if (a >= b) continue;
      html += escapeHTML(s.slice(at, a)) + "<mark>" + escapeHTML(s.slice(a, b)) + "</mark>";
      at = b;
    }
    html += escapeHTML(s.slice(at, to));
    if (to < s.length) html += "…";
    return html;
  }

  var api = window.__fieldguideSearch = window.__fieldguideSearch || {};
  // Index files that ran before this file (the search box asks for the
  // meta file at the same time as for the engine) were kept by the box's
  // stand-in for add.
  var queued = api.queued || [];
  api.queued = null;
  api.add = add;
  api.tokenize = tokenize;
  api.queryTerms = queryTerms;
  api.query = query;
  api.highlight = highlight;
  for (var qi = 0; qi < queued.length; qi++) add.apply(null, queued[qi]);
  // What the search box (assets/js/40-search.js) drives once this file has
  // loaded.
  api.engine = { indexFor: indexFor, preload: preload, prefetch: prefetch, fail: fail, query: query, highlight: highlight };
})();
