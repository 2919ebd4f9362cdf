#include <doctest/doctest.h>

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/card_status.h"
#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/date_text.h"
#include "core/device_check.h"
#include "core/identifier.h"
#include "core/messages.h"
#include "core/order.h"
#include "core/receipt.h"

#if defined(TABI_SOURCE_DIR) || defined(TABI_LOCALE_CASES)
#include <fstream>
#include <sstream>
#endif
#ifdef TABI_LOCALE_CASES
#include <nlohmann/json.hpp>
#endif

using namespace tabi;

namespace {

const MessageTable& english() { return builtin_messages(Locale::en); }

std::string problem_id(const Result<MessageTable>& r) { return r ? std::string("(parsed)") : r.problem().message_id; }

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

// The one text with a line break: the reminder's description, written into the .ics file (reminder_ics escapes
// the break as "\n"), never drawn by the panel.
constexpr std::string_view kMultiLineId = "receipt.label.reminder_description";

// A core module's message table: its ids and the English template of each.
struct ModuleMessages {
    std::string_view module;
    std::span<const std::string_view> (*ids)();
    std::string_view (*english)(std::string_view message_id);
};

const ModuleMessages kModuleMessages[] = {
    {"catalog", catalog_message_ids, catalog_message_template},
    {"civil_time", time_message_ids, time_message_template},
    {"date_text", date_message_ids, date_message_template},
    {"card_status", status_message_ids, status_message_template},
    {"identifier", identifier_message_ids, identifier_message_template},
    {"device_check", device_message_ids, device_message_template},
    {"order", order_message_ids, order_message_template},
    {"receipt", receipt_message_ids, receipt_message_template},
};

}  // namespace

TEST_CASE("the built-in catalogues parse and are not empty") {
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        const Result<MessageTable> parsed = parse_message_table(messages_json(locale));
        if (!parsed) FAIL(parsed.problem().message_id << " at " << parsed.problem().where << ": "
                                                      << render(Locale::en, parsed.problem()));
        CHECK(parsed->size() > 150);
        CHECK(builtin_messages(locale).size() == parsed->size());
    }
}

TEST_CASE("every locale has exactly the ids English has") {
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        const MessageTable& table = builtin_messages(locale);
        for (const auto& e : english().entries()) {
            CAPTURE(e.id);
            CHECK(table.find(e.id) != nullptr);
        }
        for (const auto& e : table.entries()) {
            CAPTURE(e.id);
            CHECK(english().find(e.id) != nullptr);
        }
    }
}

TEST_CASE("every translation uses the same placeholders as English") {
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        for (const auto& e : builtin_messages(locale).entries()) {
            const MessageTable::Entry* en = english().find(e.id);
            if (!en) continue;  // reported by the test above
            CAPTURE(e.id);
            CHECK(template_placeholders(e.text) == template_placeholders(en->text));
        }
    }
}

TEST_CASE("catalogue texts are tidy") {
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        for (const auto& e : builtin_messages(locale).entries()) {
            CAPTURE(e.id);
            CHECK(!e.text.empty());
            CHECK(e.text.front() != ' ');
            CHECK(e.text.back() != ' ');
            CHECK(!contains(e.text, "  "));
            if (e.id != kMultiLineId) CHECK(!contains(e.text, "\n"));
        }
    }
}

TEST_CASE("a singular message has no count to fill in") {
    // "ui.choose.days_value.one" is "1 day"; "status.late_fee.same.one" keeps {extension} and {late_fee} but not
    // {days}: its placeholders are those of the general form less at least one (the count).
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        const MessageTable& table = builtin_messages(locale);
        for (const auto& e : table.entries()) {
            if (!e.id.ends_with(".one")) continue;
            CAPTURE(e.id);
            const MessageTable::Entry* general = table.find(std::string_view(e.id).substr(0, e.id.size() - 4));
            if (!general) continue;  // reported by "a singular form exists only next to its general form"
            const std::vector<std::string> mine = template_placeholders(e.text);
            const std::vector<std::string> all = template_placeholders(general->text);
            CHECK(mine.size() < all.size());
            for (const std::string& name : mine) {
                CAPTURE(name);
                CHECK(std::find(all.begin(), all.end(), name) != all.end());
            }
        }
    }
}

TEST_CASE("a singular form exists only next to its general form") {
    for (const auto& e : english().entries()) {
        if (!e.id.ends_with(".one")) continue;
        CAPTURE(e.id);
        CHECK(english().find(std::string_view(e.id).substr(0, e.id.size() - 4)) != nullptr);
    }
}

TEST_CASE("Simplified and Traditional Chinese do not mix their scripts") {
    // Common characters whose forms differ, pairwise; each catalogue must use only its own. All are 3 bytes in UTF-8.
    constexpr std::string_view kSimplified = "们这为续费个时间网设备选择询号码无须请确认订单账银机后余数据价录载显现";
    constexpr std::string_view kTraditional = "們這為續費個時間網設備選擇詢號碼無須請確認訂單帳銀機後餘數據價錄載顯現";
    static_assert(kSimplified.size() == kTraditional.size() && kSimplified.size() % 3 == 0);
    const auto check_none_of = [](Locale locale, std::string_view characters) {
        for (const auto& e : builtin_messages(locale).entries()) {
            if (e.id.starts_with("ui.language.")) continue;  // each language's own name
            CAPTURE(e.text);
            for (std::size_t i = 0; i < characters.size(); i += 3) {
                const std::string_view c = characters.substr(i, 3);
                CHECK_MESSAGE(!contains(e.text, c), c);
            }
        }
    };
    check_none_of(Locale::zh_Hans, kTraditional);
    check_none_of(Locale::zh_Hant, kSimplified);
}

TEST_CASE("module messages: every id is in every catalogue with English as the module template") {
    std::size_t count = 0;
    for (const ModuleMessages& module : kModuleMessages) {
        CAPTURE(module.module);
        REQUIRE(!module.ids().empty());
        for (const std::string_view id : module.ids()) {
            CAPTURE(id);
            ++count;
            const std::string_view english_template = module.english(id);
            REQUIRE(!english_template.empty());
            const MessageTable::Entry* en = english().find(id);
            REQUIRE(en != nullptr);
            CHECK(en->text == english_template);
            const std::vector<std::string> placeholders = template_placeholders(en->text);
            for (const Locale locale : kLocales) {
                CAPTURE(locale_tag(locale));
                const MessageTable::Entry* entry = builtin_messages(locale).find(id);
                REQUIRE(entry != nullptr);
                CHECK(!entry->text.empty());
                CHECK(template_placeholders(entry->text) == placeholders);
            }
        }
    }
    CHECK(count >= 230);  // 230 ids when written; a table that shrank by mistake shows here
}

TEST_CASE("recommend/compare/money messages are in every catalogue with the arguments the code passes") {
    // These modules have no table of their own: the ids and arguments are those of their make_problem() and
    // message() calls (widget/core/recommend.cpp, compare.cpp, money.cpp).
    struct Expected {
        std::string_view id;
        std::vector<std::string> args;  // sorted
    };
    const Expected expected[] = {
        {"recommend.already_covered", {"data", "days"}},
        {"recommend.no_plans", {}},
        {"recommend.cannot_cover_days", {"days"}},
        {"recommend.cannot_cover_data", {"data"}},
        {"recommend.cannot_cover", {"data", "days"}},
        {"recommend.too_complex", {}},
        {"recommend.bad_date", {"date"}},
        {"recommend.trip_ended", {"date"}},
        {"recommend.bad_trip_days", {"max"}},
        {"recommend.bad_mb_per_day", {"max"}},
        {"recommend.bad_valid_days", {}},
        {"recommend.bad_remaining_mb", {"max"}},
        {"recommend.bad_price", {"plan"}},
        {"recommend.bad_plan", {"plan"}},
        {"recommend.note.replaces_current", {"data", "days"}},
        {"recommend.reason.cheapest", {"data", "days", "total"}},
        {"recommend.reason.cheapest_unlimited", {"days", "total"}},
        {"recommend.reason.cheapest_data_only", {"data", "total"}},
        {"recommend.reason.fewest_purchases", {"count", "total"}},
        {"recommend.reason.refundable", {"total"}},
        {"recommend.reason.covers_with_margin", {"data", "days", "total"}},
        {"recommend.reason.next_cheapest", {"extra", "total"}},
        {"compare.unknown_product", {"product"}},
        {"compare.wrong_card_kind", {"card", "product", "product_card"}},
        {"compare.no_card", {}},
        {"compare.no_plans_for_card", {"card"}},
        {"compare.no_rate", {"from", "to"}},
        {"compare.unknown_currency", {"currency"}},
        {"money.overflow", {}},
        {"money.currency_mismatch", {"a", "b"}},
        {"money.unknown_currency", {"currency"}},
        {"money.not_a_number", {"text"}},
        {"money.too_many_decimals", {"currency", "decimals"}},
        {"money.bad_rate", {"text"}},
    };
    for (const Expected& message : expected) {
        CAPTURE(message.id);
        for (const Locale locale : kLocales) {
            CAPTURE(locale_tag(locale));
            const MessageTable::Entry* entry = builtin_messages(locale).find(message.id);
            REQUIRE(entry != nullptr);
            CHECK(!entry->text.empty());
            CHECK(template_placeholders(entry->text) == message.args);
        }
    }
}

TEST_CASE("no message text has a '%' (Dear ImGui reads it as a format)") {
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        for (const auto& e : builtin_messages(locale).entries()) {
            CAPTURE(e.id);
            CHECK(!contains(e.text, "%"));
        }
    }
}

#ifdef TABI_SOURCE_DIR
TEST_CASE("the embedded catalogues are the JSON files in widget/core/messages") {
    for (const Locale locale : kLocales) {
        CAPTURE(locale_tag(locale));
        std::ifstream file(std::string(TABI_SOURCE_DIR) + "/widget/core/messages/" + std::string(locale_tag(locale)) +
                           ".json");
        REQUIRE(file.good());
        std::stringstream text;
        text << file.rdbuf();
        CHECK(text.str() == messages_json(locale));  // a difference means the build did not re-run CMake
        // messages_data.cpp.in wraps each file in R"tabi_messages( ... )tabi_messages".
        CHECK(!contains(text.str(), ")tabi_messages\""));
    }
}
#endif

TEST_CASE("locale tags") {
    CHECK(locale_tag(Locale::en) == "en");
    CHECK(locale_tag(Locale::zh_Hans) == "zh-Hans");
    CHECK(locale_tag(Locale::zh_Hant) == "zh-Hant");
    CHECK(locale_tag(Locale::ja) == "ja");
    CHECK(locale_tag(Locale::ko) == "ko");
    for (const Locale locale : kLocales) CHECK(match_locale(locale_tag(locale)) == locale);
    for (const Locale locale : kLocales) CHECK(locale_from_tag(locale_tag(locale)) == locale);
    for (const char* loose : {"zh-TW", "zh-hans", "JA", " ko", "en-US", ""}) CHECK_FALSE(locale_from_tag(loose));
    CHECK(locale_tag(static_cast<Locale>(99)) == "en");  // a bad cast from outside reads as English
}

TEST_CASE("matching one language tag") {
    SUBCASE("Traditional Chinese") {
        for (const char* tag : {"zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-HK", "zh-Hant-TW", "zh-hant-cn",
                                "ZH-TW", "zh_TW", "zh_Hant_HK", "yue", "yue-HK", "zh-yue", "zh-yue-HK", " zh-TW ",
                                "zh-TW;q=0.9"}) {
            CAPTURE(tag);
            CHECK(match_locale(tag) == Locale::zh_Hant);
        }
    }
    SUBCASE("Simplified Chinese") {
        for (const char* tag : {"zh", "zh-CN", "zh-SG", "zh-MY", "zh_CN", "zh-Hans", "zh-Hans-CN", "zh-Hans-HK",
                                "ZH-hans", "cmn", "cmn-CN", "yue-CN", "yue-Hans", "zh-419"}) {
            CAPTURE(tag);
            CHECK(match_locale(tag) == Locale::zh_Hans);
        }
    }
    SUBCASE("Japanese, Korean, English") {
        CHECK(match_locale("ja") == Locale::ja);
        CHECK(match_locale("ja-JP") == Locale::ja);
        CHECK(match_locale("JA_jp") == Locale::ja);
        CHECK(match_locale("ko") == Locale::ko);
        CHECK(match_locale("ko-KR") == Locale::ko);
        CHECK(match_locale("en") == Locale::en);
        CHECK(match_locale("en-US") == Locale::en);
        CHECK(match_locale("en-GB") == Locale::en);
        CHECK(match_locale("en_AU") == Locale::en);
    }
    SUBCASE("unsupported or not a tag") {
        for (const char* tag : {"", " ", "fr", "fr-FR", "de", "jav", "kor", "eng", "zht", "auto", "*", "-", "--",
                                ";q=1", "x-klingon", "z", "zh\xff", "japanese"}) {
            CAPTURE(tag);
            CHECK(match_locale(tag) == std::nullopt);
        }
    }
    SUBCASE("long tags keep their first subtags") {
        CHECK(match_locale("zh-a-b-c-d-e-f-g-h-i-Hant") == Locale::zh_Hans);
        CHECK(match_locale("zh-Hant-a-b-c-d-e-f-g-h-i-j-k") == Locale::zh_Hant);
        CHECK(match_locale(std::string(10000, '-')) == std::nullopt);
    }
}

TEST_CASE("negotiating the panel's locale") {
    CHECK(negotiate_locale("auto", {"fr-FR", "ja"}) == Locale::ja);
    CHECK(negotiate_locale("", {"fr-FR", "ja"}) == Locale::ja);
    CHECK(negotiate_locale("AUTO", {"zh-TW", "en"}) == Locale::zh_Hant);
    CHECK(negotiate_locale("auto", {"de", "fr"}) == Locale::en);
    CHECK(negotiate_locale("auto", {}) == Locale::en);
    CHECK(negotiate_locale("ko", {"ja", "zh-CN"}) == Locale::ko);        // the host's explicit choice wins
    CHECK(negotiate_locale("zh-HK", {"ja"}) == Locale::zh_Hant);
    CHECK(negotiate_locale("zh_CN", {"ja"}) == Locale::zh_Hans);
    CHECK(negotiate_locale("fr", {"de", "ko-KR"}) == Locale::ko);       // an unsupported request falls through
    CHECK(negotiate_locale("fr", {}) == Locale::en);
    CHECK(negotiate_locale(" en ", {"ja"}) == Locale::en);
    CHECK(negotiate_locale("auto", {"", "x", "zh-Hans-SG", "ja"}) == Locale::zh_Hans);
}

namespace {

// The words of a negotiation table list (core/locale_table.h: separated by single spaces).
std::vector<std::string_view> table_words(std::string_view list) {
    std::vector<std::string_view> words;
    for (std::size_t start = 0; start < list.size();) {
        const std::size_t end = std::min(list.find(' ', start), list.size());
        words.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

std::string_view table_language(std::string_view tag) { return tag.substr(0, tag.find('-')); }

}  // namespace

TEST_CASE("the negotiation table") {
    std::vector<std::string> languages, scripts_and_regions;
    for (std::size_t i = 0; i < kLocaleTable.size(); ++i) {
        const LocaleRow& row = kLocaleTable[i];
        CAPTURE(row.tag);
        CHECK(row.locale == kLocales[i]);  // the enum, kLocales and kLocaleTags follow the table's rows
        CHECK(static_cast<std::size_t>(row.locale) == i);
        CHECK(kLocaleTags[i] == row.tag);
        // A family's default is the row its bare language subtag asks for (zh: zh-Hans), and its first row.
        const std::string_view family = table_language(row.tag);
        const auto first = std::find_if(kLocaleTable.begin(), kLocaleTable.end(),
                                        [&](const LocaleRow& r) { return table_language(r.tag) == family; });
        CHECK(match_locale(family) == first->locale);
        for (const std::string_view list : {row.languages, row.scripts, row.regions}) {
            CHECK(list.find("  ") == std::string_view::npos);
            for (const std::string_view word : table_words(list)) {
                CAPTURE(word);
                CHECK(!word.empty());
                CHECK(std::all_of(word.begin(), word.end(),
                                  [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }));
            }
        }
        // Every word of a row asks for that row: a language alone, a script or region after the family's language.
        for (const std::string_view word : table_words(row.languages)) {
            CAPTURE(word);
            CHECK(match_locale(word) == row.locale);
            CHECK(std::find(languages.begin(), languages.end(), word) == languages.end());  // one row per language
            languages.emplace_back(word);
        }
        for (const std::string_view word : table_words(row.scripts)) {
            CAPTURE(word);
            CHECK(match_locale(std::string(family) + "-" + std::string(word)) == row.locale);
        }
        for (const std::string_view word : table_words(row.regions)) {
            CAPTURE(word);
            CHECK(word.size() == 2);  // match_locale takes a region for two letters
            CHECK(match_locale(std::string(family) + "-" + std::string(word)) == row.locale);
        }
        const std::string scripts_regions = std::string(row.scripts) + " " + std::string(row.regions);
        for (const std::string_view word : table_words(scripts_regions)) {
            if (word.empty()) continue;
            const std::string key = std::string(family) + ":" + std::string(word);  // once per family
            CHECK(std::find(scripts_and_regions.begin(), scripts_and_regions.end(), key) == scripts_and_regions.end());
            scripts_and_regions.push_back(key);
        }
    }
    // The mappings the bridge's pack prefetch relies on.
    for (const char* tag : {"zh-TW", "zh-HK", "zh-MO", "zh-Hant"}) CHECK(match_locale(tag) == Locale::zh_Hant);
    for (const char* tag : {"zh-CN", "zh-SG", "zh-Hans", "zh"}) CHECK(match_locale(tag) == Locale::zh_Hans);
}

#ifdef TABI_LOCALE_CASES
// tests/js/locale-cases.mjs, run by the build, wrote the bridge's answers (js/src/locale.mjs) to these cases.
TEST_CASE("the bridge negotiates the locale as core does") {
    std::ifstream file(TABI_LOCALE_CASES);
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    const auto cases = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    REQUIRE(cases.is_object());
    const auto tag_of = [](std::optional<Locale> l) { return l ? std::string(locale_tag(*l)) : std::string("null"); };
    const auto answer = [](const nlohmann::json& c) {
        return c["locale"].is_null() ? std::string("null") : c["locale"].get<std::string>();
    };
    std::size_t matched = 0, negotiated = 0;
    for (const auto& c : cases["match"]) {
        const std::string tag = c["tag"].get<std::string>();
        CAPTURE(tag);
        CHECK(tag_of(match_locale(tag)) == answer(c));
        ++matched;
    }
    for (const auto& c : cases["negotiate"]) {
        const std::string requested = c["requested"].get<std::string>();
        const std::vector<std::string> browser = c["languages"].get<std::vector<std::string>>();
        CAPTURE(requested);
        CAPTURE(c["languages"].dump());
        CHECK(std::string(locale_tag(negotiate_locale(requested, browser))) == answer(c));
        ++negotiated;
    }
    CHECK(matched > 4000);
    CHECK(negotiated > 4000);
}
#endif

TEST_CASE("rendering a template") {
    const auto r = [](std::string_view t, const std::vector<MessageArg>& args = {}) {
        std::string out = "kept:";
        append_rendered(out, t, args);
        return out;
    };
    CHECK(r("Step {n} of {total}", {{"n", "2"}, {"total", "8"}}) == "kept:Step 2 of 8");
    CHECK(r("{a}{a}{b}", {{"a", "x"}, {"b", "y"}}) == "kept:xxy");
    CHECK(r("Step {n} of {total}", {{"n", "2"}}) == "kept:Step 2 of ");          // a missing arg is empty
    CHECK(r("Hi {name}", {{"name", "{total}"}}) == "kept:Hi {total}");          // values are not expanded again
    CHECK(r("Hi {nobody}", {{"name", "x"}}) == "kept:Hi ");                     // unknown placeholders left out
    CHECK(r("{{literal}} and {{{n}}}", {{"n", "1"}}) == "kept:{literal} and {1}");
    CHECK(r("}} {{") == "kept:} {");
    CHECK(r("") == "kept:");
    CHECK(r("no braces") == "kept:no braces");
    CHECK(r("日本 {x} 円", {{"x", "¥1,980"}}) == "kept:日本 ¥1,980 円");
    // Malformed templates (which parse_message_table refuses) still render without harm.
    CHECK(r("a } b") == "kept:a } b");
    CHECK(r("a { b") == "kept:a { b");
    CHECK(r("a {b") == "kept:a {b");
    CHECK(r("{") == "kept:{");
    CHECK(r("}") == "kept:}");
    CHECK(r("{}") == "kept:");
}

TEST_CASE("checking templates and listing placeholders") {
    CHECK(find_template_error("Step {n} of {total}") == std::nullopt);
    CHECK(find_template_error("{{literal}} {a.b_c1}") == std::nullopt);
    CHECK(find_template_error("") == std::nullopt);
    CHECK(find_template_error("a } b") == 2u);
    CHECK(find_template_error("a { b }") == 2u);
    CHECK(find_template_error("{}") == 0u);
    CHECK(find_template_error("x {name") == 2u);
    CHECK(find_template_error("{{{") == 2u);
    CHECK(find_template_error("{na-me}") == 0u);
    CHECK(template_placeholders("{b} {a} {b} {{c}} }}") == std::vector<std::string>{"a", "b"});
    CHECK(template_placeholders("no placeholders").empty());
}

TEST_CASE("rendering messages by id") {
    CHECK(render(Locale::en, "ui.step_of", {{"n", "3"}, {"total", "8"}}) == "Step 3 of 8");
    CHECK(render(Locale::zh_Hans, "ui.step_of", {{"n", "3"}, {"total", "8"}}) == "第 3 步，共 8 步");
    CHECK(render(Locale::ko, "ui.step_of", {{"n", "3"}, {"total", "8"}}) == "8단계 중 3단계");
    CHECK(render(Locale::ja, "ui.back") == "戻る");
    CHECK(render(Locale::zh_Hant, "ui.back") == "返回");
    CHECK(render(Locale::en, "ui.device.no_match", {{"query", "Pixel 12"}}) == "No model matches \"Pixel 12\".");
    CHECK(render(Locale::ja, "ui.device.no_match", {{"query", "Pixel 12"}}) == "「Pixel 12」に一致する機種はありません。");
    CHECK(render(Locale::en, "ui.step_of") == "Step  of ");  // missing args render as nothing
    CHECK(render(Locale::en, "messages.bad_template", {{"id", "x"}, {"position", "3"}}) ==
          "The message \"x\" has a stray brace at character 3: write {name} for an argument and {{ or }} for a literal "
          "brace.");
    SUBCASE("an unknown id renders as itself, in every locale") {
        for (const Locale locale : kLocales) {
            CHECK(render(locale, "identifier.nothing.like.this", {{"a", "b"}}) == "identifier.nothing.like.this");
            CHECK(render(locale, "") == "");
            CHECK(message_template(locale, "identifier.nothing.like.this").empty());
        }
        CHECK(render(static_cast<Locale>(-1), "ui.back") == "Back");
    }
    SUBCASE("a problem") {
        const Problem p = make_problem("/x", "messages.not_text", {{"id", "ui.back"}});
        CHECK(render(Locale::en, p) == "The message \"ui.back\" must be a text (a JSON string).");
        CHECK(render(Locale::zh_Hant, p) == "訊息「ui.back」必須是文字（JSON 字串）。");
    }
    SUBCASE("into a reused buffer") {
        std::string out = "old text that is long enough to be on the heap";
        const std::size_t capacity = out.capacity();
        const std::vector<MessageArg> args{{"days", "3"}};
        render_into(out, Locale::en, "ui.choose.days_value", args);
        CHECK(out == "3 days");
        CHECK(out.capacity() == capacity);
        render_into(out, Locale::ja, "ui.back");
        CHECK(out == "戻る");
    }
}

TEST_CASE("falling back to English, then to the id") {
    const Result<MessageTable> mine = parse_message_table(R"({"a": "mine {x}", "only.mine": "only"})");
    const Result<MessageTable> english_table = parse_message_table(R"({"a": "English {x}", "b": "English b"})");
    REQUIRE(mine);
    REQUIRE(english_table);
    const std::vector<MessageArg> args{{"x", "1"}};
    std::string out;
    render_into(out, *mine, *english_table, "a", args);
    CHECK(out == "mine 1");
    render_into(out, *mine, *english_table, "b", args);
    CHECK(out == "English b");
    render_into(out, *mine, *english_table, "only.mine", args);
    CHECK(out == "only");
    render_into(out, *mine, *english_table, "c", args);
    CHECK(out == "c");
    CHECK(message_template(Locale::ko, "ui.back") == "뒤로");
}

TEST_CASE("messages without arguments, without allocating") {
    const std::string_view back = message_text(Locale::en, "ui.back");
    CHECK(back == "Back");
    CHECK(back.data()[back.size()] == '\0');
    CHECK(message_text(Locale::en, "ui.back").data() == back.data());  // the same storage every frame
    const std::string_view step = message_text(Locale::en, "ui.step_of");
    CHECK(step == "Step  of ");
    CHECK(step.data()[step.size()] == '\0');
    CHECK(message_text(Locale::en, "messages.bad_template").find("{{ or }}") != std::string_view::npos);
    CHECK(message_text(Locale::ko, "no.such.id") == "no.such.id");
}

TEST_CASE("counts: the singular id when there is one") {
    CHECK(render_count(Locale::en, "ui.choose.days_value", 1, {{"days", "1"}}) == "1 day");
    CHECK(render_count(Locale::en, "ui.choose.days_value", 2, {{"days", "2"}}) == "2 days");
    CHECK(render_count(Locale::en, "ui.choose.days_value", 0, {{"days", "0"}}) == "0 days");
    CHECK(render_count(Locale::ja, "ui.choose.days_value", 1, {{"days", "1"}}) == "1日");
    CHECK(render_count(Locale::en, "ui.refund.before_activation", 1, {{"days", "1"}}) ==
          "Refundable within 1 day if not yet activated");
    CHECK(render_count(Locale::en, "ui.refund.before_activation", 14, {{"days", "14"}}) ==
          "Refundable within 14 days if not yet activated");
    CHECK(render_count(Locale::en, "ui.step_of", 1, {{"n", "1"}, {"total", "8"}}) == "Step 1 of 8");  // no .one
    CHECK(render_count(Locale::en, std::string(1000, 'x'), 1) == std::string(1000, 'x'));
}

TEST_CASE("a catalogue that is not usable is refused with its reason") {
    SUBCASE("well-formed") {
        const Result<MessageTable> t = parse_message_table(R"( {"b": "B {x}", "a": "A", "c.d-e_f": "{{}}"} )");
        REQUIRE(t);
        REQUIRE(t->size() == 3);
        CHECK(t->entries()[0].id == "a");  // sorted for binary search
        CHECK(t->entries()[2].id == "c.d-e_f");
        CHECK(t->find("b")->text == "B {x}");
        CHECK(t->find("b")->plain == "B ");
        CHECK(t->find("c.d-e_f")->plain == "{}");
        CHECK(t->find("z") == nullptr);
        CHECK(t->find("") == nullptr);
        CHECK(parse_message_table("{}"));
        CHECK(parse_message_table(R"({"a": "\u65e5\"\n"})")->find("a")->text == "日\"\n");
    }
    SUBCASE("not JSON") {
        const Result<MessageTable> t = parse_message_table("{\n  \"a\": \"A\",\n  \"b\": ?\n}");
        REQUIRE(!t);
        CHECK(t.problem().message_id == "messages.not_json");
        CHECK(t.problem().arg("line") == "3");
        CHECK(t.problem().arg("column") == "8");
        CHECK(!t.problem().arg("reason").empty());
        CHECK(problem_id(parse_message_table("")) == "messages.not_json");
        CHECK(problem_id(parse_message_table("{\"a\": \"A\"")) == "messages.not_json");
        CHECK(problem_id(parse_message_table("{\"a\": \"A\",}")) == "messages.not_json");
        CHECK(problem_id(parse_message_table("{\"a\": \"A\"} {}")) == "messages.not_json");  // trailing content
        CHECK(problem_id(parse_message_table("{\"a\": \"\xff\"}")) == "messages.not_json");  // not UTF-8
        CHECK(problem_id(parse_message_table(std::string("{\"a\": \"A\0\"}", 11))) == "messages.not_json");
    }
    SUBCASE("not an object of texts") {
        CHECK(problem_id(parse_message_table("[]")) == "messages.not_object");
        CHECK(problem_id(parse_message_table("\"text\"")) == "messages.not_object");
        CHECK(problem_id(parse_message_table("42")) == "messages.not_object");
        CHECK(problem_id(parse_message_table("null")) == "messages.not_object");
        const Result<MessageTable> nested = parse_message_table(R"({"ui": {"back": "Back"}})");
        REQUIRE(!nested);
        CHECK(nested.problem().message_id == "messages.not_text");
        CHECK(nested.problem().where == "/ui");
        CHECK(nested.problem().arg("id") == "ui");
        for (const char* doc : {R"({"a": 1})", R"({"a": 1.5})", R"({"a": -1})", R"({"a": true})", R"({"a": null})",
                                R"({"a": ["x"]})", R"({"a": "A", "b": {}})"})
            CHECK(problem_id(parse_message_table(doc)) == "messages.not_text");
    }
    SUBCASE("bad ids") {
        const Result<MessageTable> slash = parse_message_table(R"({"a/b~c": "x"})");
        REQUIRE(!slash);
        CHECK(slash.problem().message_id == "messages.bad_id");
        CHECK(slash.problem().where == "/a~1b~0c");
        CHECK(problem_id(parse_message_table(R"({"": "x"})")) == "messages.bad_id");
        CHECK(problem_id(parse_message_table(R"({"a b": "x"})")) == "messages.bad_id");
        CHECK(problem_id(parse_message_table(R"({"日本": "x"})")) == "messages.bad_id");
        CHECK(problem_id(parse_message_table("{\"" + std::string(129, 'a') + "\": \"x\"}")) == "messages.bad_id");
        CHECK(parse_message_table("{\"" + std::string(128, 'a') + "\": \"x\"}"));
    }
    SUBCASE("an id twice") {
        const Result<MessageTable> twice = parse_message_table(R"({"a": "1", "b": "2", "a": "3"})");
        REQUIRE(!twice);
        CHECK(twice.problem().message_id == "messages.duplicate_id");
        CHECK(twice.problem().arg("id") == "a");
        CHECK(twice.problem().where == "/a");
    }
    SUBCASE("a stray brace") {
        const Result<MessageTable> stray = parse_message_table(R"({"a": "ok {n}", "b": "日本 {x"})");
        REQUIRE(!stray);
        CHECK(stray.problem().message_id == "messages.bad_template");
        CHECK(stray.problem().where == "/b");
        CHECK(stray.problem().arg("position") == "4");  // counted in characters, not bytes
        CHECK(problem_id(parse_message_table(R"({"a": "}"})")) == "messages.bad_template");
        CHECK(problem_id(parse_message_table(R"({"a": "{ n }"})")) == "messages.bad_template");
        CHECK(problem_id(parse_message_table(R"({"a": "{}"})")) == "messages.bad_template");
    }
}
