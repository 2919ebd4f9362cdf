// The locale a widget will show, decided here at mount the way the wasm decides it at init (widget/core/messages.cpp:
// match_locale, negotiate_locale), so the chosen locale's pack can be fetched alongside the wasm. The table is core's
// (widget/core/locale_table.h, whose comment says how it is read): the build writes it in below (js/bundle.mjs);
// unbundled, LOCALE_TABLE is null and nothing is decided here (the wasm still negotiates and asks for its pack).
// tests/js/locale.test.mjs and the native build (tests/core/messages_test.cpp) check both sides agree.

export const LOCALE_TABLE = /*TABI_LOCALE_TABLE*/null;

// ASCII only, as core: toLowerCase() would make 'K' (the Kelvin sign) a 'k'.
function localeAsciiLower(text) {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

// Spaces, tabs and line ends, as core trims (String.prototype.trim() takes more).
function localeTrim(text) {
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}

function localeHasWord(words, subtag) {
  const lower = localeAsciiLower(subtag);
  return words.some((w) => localeAsciiLower(w) === lower);
}

function localeLanguageSubtag(tag) {
  return tag.split('-')[0];
}

// The tag of the supported locale one language tag asks for, or null.
export function matchLocale(tag, table = LOCALE_TABLE) {
  if (!table || typeof tag !== 'string') return null;
  const semicolon = tag.indexOf(';');
  const text = localeTrim(semicolon < 0 ? tag : tag.slice(0, semicolon));
  if (text === '') return null;
  const subtags = text.split(/[-_]/).slice(0, 8);

  const named = table.find((row) => localeHasWord(row.languages, subtags[0]));
  if (!named) return null;
  const family = table.filter((row) => localeLanguageSubtag(row.tag) === localeLanguageSubtag(named.tag));
  const fallback = family[0];
  let byLanguage = named !== fallback ? named : null;
  let byRegion = null;
  for (const sub of subtags.slice(1)) {
    const byScript = family.find((row) => localeHasWord(row.scripts, sub));
    if (byScript) return byScript.tag;
    if (!byLanguage) byLanguage = family.find((row) => row !== fallback && localeHasWord(row.languages, sub)) || null;
    if (!byRegion && /^[A-Za-z]{2}$/.test(sub))
      byRegion = family.find((row) => localeHasWord(row.regions, sub)) || fallback;
  }
  return (byRegion || byLanguage || fallback).tag;
}

// The locale to show: the host's explicit choice when it is supported, else the first of the page's languages
// that is ('auto', '' or an unsupported tag fall through), else English. null when the table is not there.
export function negotiateLocale(requested, languages, table = LOCALE_TABLE) {
  if (!table) return null;
  const asked = typeof requested === 'string' ? localeTrim(requested) : '';
  if (asked !== '' && localeAsciiLower(asked) !== 'auto') {
    const chosen = matchLocale(asked, table);
    if (chosen) return chosen;
  }
  for (const language of languages || []) {
    const chosen = matchLocale(language, table);
    if (chosen) return chosen;
  }
  return 'en';
}

// The languages a widget negotiates from, first first: the page's <html lang>, then the browser's.
export function pageLanguages() {
  return [document.documentElement.lang, ...(navigator.languages || [navigator.language])].filter(Boolean);
}
