// The negotiation table: the locales the widget speaks and the language tags that ask for each. The one copy:
// core's match_locale() reads it (core/messages.h), and the build writes it into the bridge (js/bundle.mjs, through
// js/locale-table.mjs), which negotiates the same way at mount to fetch the chosen locale's pack alongside the
// wasm. js/locale-table.mjs reads this file as text, so keep its shape: one X(...) row per line, the enumerator
// first, then four string literals; lists are words separated by single spaces, ASCII letters only.
//
// X(enumerator, tag, languages, scripts, regions), subtags compared ASCII-case-insensitively:
//   tag        the locale's BCP 47 tag (its row order is the Locale enum's)
//   languages  primary language subtags that ask for the locale
//   scripts    script subtags that ask for it within its family
//   regions    region subtags (two letters) that ask for it within its family
// A family is the rows whose tags share a language subtag (zh-Hans and zh-Hant); its first row is its default.
// A tag's primary subtag picks a row, hence a family. Then, over the later subtags: a script of the family
// decides at once; else the first region decides (a region the family lists picks that row, any other the
// default); else a language of a row other than the default, as the primary subtag or a later one (yue, zh-yue),
// picks that row; else the default. So zh-TW, zh-HK, zh-MO, zh-Hant-* and yue mean Traditional Chinese; zh,
// zh-CN, zh-SG, zh-Hans-*, cmn and yue-CN Simplified.
#pragma once

#define TABI_LOCALE_TABLE(X)                         \
    X(en, "en", "en", "", "")                        \
    X(zh_Hans, "zh-Hans", "zh cmn", "Hans", "")      \
    X(zh_Hant, "zh-Hant", "yue", "Hant", "TW HK MO") \
    X(ja, "ja", "ja", "", "")                        \
    X(ko, "ko", "ko", "", "")
