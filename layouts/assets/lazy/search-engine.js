// Search engine: the tokenizer, the index reader and the ranker behind the
// search box. assets/js/40-search.js (on every page, small) loads this file
// the first time the box is used, so pages do not carry it.
//
// The index is built by generator/search and comes as classic <script> files
// (search/<lang>/<n>.js), each calling window.__fieldguideSearch.add(lang, n,
// data). They are loaded the first time the search box is used, so the index
// costs nothing to readers who never search, and it works from file:// (a zip
// opened on a consulate's machine) as it does over HTTP: no fetch, no module,
// no worker, no WebAssembly. Heavy work is cut into chunks with setTimeout
// so that typing never stalls.
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

  function classify(cp) {
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

  var asciiProps = [];
  for (var ai = 0; ai < 128; ai++) asciiProps.push(classify(ai));
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
    if (reMnMe.test(c) && inList(cp, droppedMarks)) return "";
    if (cp === 0x200B) return " ";
    if (reCf.test(c)) return "";
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
      if (!reLetterOrDigit.test(seg)) continue;
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
      if (!text || !reLetterOrDigit.test(text)) return;
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
        runCJK = reCJK.test(c);
        first = false;
      } else if (!reMark.test(c)) {
        var isC = reCJK.test(c);
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
      if (units.length > 0 && reMark.test(cps[i])) units[units.length - 1] += cps[i];
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

  // tokenize returns the index terms of text: see Tokenize in tokenize.go.
  function tokenize(text) {
    var terms = [];
    var pieces = scanNormalized(normalizeText(text, false).text);
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (!p.cjk) {
        var word = p.text.normalize("NFC");
        terms.push(word);
        var stem = withoutArticle(word);
        if (stem) terms.push(stem);
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

  // queryTerms: see queryTerms in tokenize.go.
  function queryTerms(query) {
    var s = normalizeText(query, false).text;
    var pieces = scanNormalized(s);
    var terms = [], seen = new Set();
    function add(text, prefix) {
      if (seen.has(text)) return;
      seen.add(text);
      terms.push({ text: text, prefix: prefix });
    }
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (p.cjk) {
        var units = cjkUnits(p.text);
        if (units.length === 1) { add(units[0], false); continue; }
        for (var j = 0; j + 1 < units.length; j++) add(units[j] + units[j + 1], false);
        continue;
      }
      var word = p.text.normalize("NFC");
      add(withoutArticle(word) || word, i === pieces.length - 1 && p.end === s.length);
    }
    return terms;
  }


  // ---------------------------------------------------------------------
  // Index: files written by generator/search (build.go says the format).
  // ---------------------------------------------------------------------

  var FORMAT_VERSION = 1;
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

  // Ranking: the same numbers, in the same order, as scoreTerm and Query in
  // generator/search/query.go.
  var K1 = 1.2, B = 0.75, TITLE_BOOST = 3.5, TITLE_BOOST_REST = 0.5, HEADING_BOOST = 2,
    PREFIX_WEIGHT = 0.7, MAX_EXPANSIONS = 30;

  // One language's index while it loads and once it is built.
  function newIndex(lang) {
    return {
      lang: lang, shards: [], expected: 0, received: 0,
      loading: false, building: false, ready: false, error: null, waiting: [],
      pages: null, docs: [], first: [], avgLen: 0,
      terms: [], df: [], postData: [], postOffset: []
    };
  }
  var indexes = {};
  function indexFor(lang) {
    return indexes[lang] || (indexes[lang] = newIndex(lang));
  }

  // add is called by every index file. Once all have come, the index is
  // built in slices, between which the browser paints and handles keys.
  function add(lang, id, data) {
    var ix = indexFor(lang);
    if (ix.ready || ix.error || ix.shards[id]) return; // a file run twice, or too late
    if (id === 0) {
      if (!data || data.v !== FORMAT_VERSION) {
        fail(ix, "search index format " + (data && data.v) + ", want " + FORMAT_VERSION);
        return;
      }
      ix.expected = data.shards;
      if (ix.onFirst) ix.onFirst();
    }
    ix.shards[id] = data;
    ix.received++;
    if (ix.expected && ix.received === ix.expected) build(ix);
  }

  function fail(ix, message) {
    if (ix.error) return;
    ix.error = message;
    var waiting = ix.waiting;
    ix.waiting = [];
    for (var i = 0; i < waiting.length; i++) waiting[i](ix);
  }

  // whenReady calls done(ix) once the index of lang is built or has failed.
  function whenReady(lang, done) {
    var ix = indexFor(lang);
    if (ix.ready || ix.error) done(ix);
    else ix.waiting.push(done);
  }

  // runSlices runs step() until it returns true, yielding to the browser
  // every few milliseconds so that typing never stalls.
  function runSlices(step, done) {
    function slice() {
      var until = Date.now() + 8;
      try {
        while (Date.now() < until) {
          if (step()) { done(null); return; }
        }
      } catch (e) {
        done(e);
        return;
      }
      setTimeout(slice, 0);
    }
    setTimeout(slice, 0);
  }

  function build(ix) {
    if (ix.building) return;
    ix.building = true;
    ix.pages = ix.shards[0].pages || [];
    var shard = 0, phase = 0, dictPos = 0, postPos = 0, previous = "";
    var seenPage = {}, totalLength = 0;
    runSlices(function () {
      var s = ix.shards[shard];
      if (phase === 0) {
        var docs = s.docs || [];
        for (var i = 0; i < docs.length; i++) {
          var row = docs[i];
          ix.docs.push(row);
          ix.first.push(!seenPage[row[0]]);
          seenPage[row[0]] = true;
          totalLength += row[4];
        }
        phase = 1; dictPos = 0; postPos = 0; previous = "";
        return false;
      }
      var dict = s.terms || "", post = s.post || "";
      // Front-coded terms, a few hundred at a time.
      for (var n = 0; n < 512 && dictPos < dict.length; n++) {
        var shared = readVarint(dict, dictPos);
        var end = dict.indexOf(" ", varintEnd);
        if (end < 0) throw new Error("corrupt search index");
        var term = previous.slice(0, shared) + dict.slice(varintEnd, end);
        dictPos = end + 1;
        previous = term;
        var df = readVarint(post, postPos);
        postPos = varintEnd;
        ix.terms.push(term);
        ix.df.push(df);
        ix.postData.push(post);
        ix.postOffset.push(postPos);
        for (var k = 2 * df; k > 0; postPos++) {
          if (digit[post.charCodeAt(postPos)] < 32) k--;
        }
      }
      if (dictPos < dict.length) return false;
      phase = 0;
      shard++;
      if (shard < ix.expected) return false;
      ix.avgLen = ix.docs.length ? totalLength / ix.docs.length : 0;
      return true;
    }, function (err) {
      ix.shards = null; // the strings live on in postData and the rows
      if (err) { fail(ix, String(err && err.message || err)); return; }
      ix.ready = true;
      var waiting = ix.waiting;
      ix.waiting = [];
      for (var i = 0; i < waiting.length; i++) waiting[i](ix);
    });
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

  function candidates(ix, t) {
    var out = [];
    var i = lowerBound(ix.terms, t.text);
    if (i < ix.terms.length && ix.terms[i] === t.text) {
      out.push({ term: i, weight: 1 });
      i++;
    }
    if (!t.prefix) return out;
    var expansions = [];
    for (; i < ix.terms.length && ix.terms[i].startsWith(t.text); i++) expansions.push(i);
    // Array sort is stable: equally frequent terms stay in dictionary order.
    expansions.sort(function (a, b) { return ix.df[b] - ix.df[a]; });
    for (var e = 0; e < expansions.length && e < MAX_EXPANSIONS; e++) {
      out.push({ term: expansions[e], weight: PREFIX_WEIGHT });
    }
    return out;
  }

  function scoreTerm(ix, term, doc, flags) {
    var n = ix.docs.length;
    var df = ix.df[term];
    var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    var lengthRatio = 1;
    if (ix.avgLen > 0) lengthRatio = ix.docs[doc][4] / ix.avgLen;
    var tf = flags >> 2;
    var weight = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengthRatio));
    if (flags & 2) weight += ix.first[doc] ? TITLE_BOOST : TITLE_BOOST_REST;
    if (flags & 1) weight += HEADING_BOOST;
    return idf * weight;
  }

  // search ranks the sections of a built index for query: see Query in
  // generator/search/query.go. It returns {terms, total, results}.
  function search(ix, query, limit) {
    var terms = queryTerms(query);
    var none = { terms: terms, total: 0, results: [] };
    if (!terms.length || !ix.docs.length) return none;
    var scores = null;
    for (var i = 0; i < terms.length; i++) {
      var termScores = new Map();
      var cands = candidates(ix, terms[i]);
      for (var c = 0; c < cands.length; c++) {
        var term = cands[c].term, weight = cands[c].weight;
        var data = ix.postData[term], pos = ix.postOffset[term], doc = 0;
        for (var p = ix.df[term]; p > 0; p--) {
          doc += readVarint(data, pos);
          var flags = readVarint(data, varintEnd);
          pos = varintEnd;
          if (scores !== null && !scores.has(doc)) continue;
          var s = weight * scoreTerm(ix, term, doc, flags);
          var prev = termScores.get(doc);
          if (prev === undefined ? s > 0 : s > prev) termScores.set(doc, s);
        }
      }
      if (scores === null) {
        scores = termScores;
        continue;
      }
      scores.forEach(function (score, d) {
        var ts = termScores.get(d);
        if (ts === undefined) scores.delete(d);
        else scores.set(d, score + ts);
      });
    }
    var results = [];
    scores.forEach(function (score, d) {
      var row = ix.docs[d], page = ix.pages[row[0]];
      results.push({
        doc: d, url: page[0], anchor: row[1], title: page[1], section: row[2], text: row[3],
        score: Math.round(score * 1e6) / 1e6
      });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    var total = results.length;
    if (limit > 0 && results.length > limit) results.length = limit;
    return { terms: terms, total: total, results: results };
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
  // that match a query term, in order and merged.
  function matchRanges(text, terms) {
    var n = normalizeText(text, true);
    var ranges = [];
    function mark(a, b) { // normalized offsets → source offsets
      ranges.push([n.starts[a], n.ends[b - 1]]);
    }
    function matches(token, cjk) {
      for (var i = 0; i < terms.length; i++) {
        var q = terms[i].text;
        if (token === q || (!cjk && terms[i].prefix && token.startsWith(q))) return true;
      }
      return false;
    }
    var pieces = scanNormalized(n.text);
    for (var i = 0; i < pieces.length; i++) {
      var p = pieces[i];
      if (!p.cjk) {
        var word = p.text.normalize("NFC"), stem = withoutArticle(word);
        if (matches(word, false) || (stem && matches(stem, false))) mark(p.start, p.end);
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

  // highlight returns text as HTML, escaped, with the matches in <mark>.
  // With maxWidth, it shows a window of about that many columns (a CJK
  // character takes two) around the first match, with ellipses where it cuts.
  function highlight(text, terms, maxWidth) {
    var m = matchRanges(text || "", terms);
    var s = m.text, from = 0, to = s.length;
    var widthOf = function (a, b) {
      var w = 0;
      for (var i = a; i < b; i++) w += reWide.test(s[i]) ? 2 : 1;
      return w;
    };
    if (maxWidth && widthOf(0, s.length) > maxWidth) {
      var first = m.ranges.length ? m.ranges[0][0] : 0;
      // Start a third of the window before the first match, at a space if
      // there is one there.
      from = first;
      for (var lead = 0; from > 0 && lead < maxWidth / 3; from--) lead += reWide.test(s[from - 1]) ? 2 : 1;
      if (from > 0) {
        var space = s.indexOf(" ", from);
        if (space >= 0 && space < first) from = space + 1;
      }
      to = from;
      for (var w = 0; to < s.length && w < maxWidth; to++) w += reWide.test(s[to]) ? 2 : 1;
      if (to < s.length) {
        var cut = s.lastIndexOf(" ", to);
        if (cut > from + (to - from) / 2) to = cut;
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
  api.add = add;
  api.tokenize = tokenize;
  api.queryTerms = queryTerms;
  api.whenReady = whenReady;
  api.search = function (lang, query, limit) {
    var ix = indexFor(lang);
    return ix.ready ? search(ix, query, limit) : null;
  };
  api.highlight = highlight;
  // What the search box (assets/js/40-search.js) drives once this file has
  // loaded.
  api.engine = { indexFor: indexFor, whenReady: whenReady, fail: fail, search: search, highlight: highlight };
})();
