#include <doctest/doctest.h>

#include <limits>
#include <set>
#include <string>
#include <vector>

#include "core/card_status.h"
#include "core/catalog.h"

using namespace tabi;

namespace {

UnixSeconds at(std::string_view iso) {
    auto t = parse_iso8601(iso);
    INFO(iso);
    REQUIRE(t.ok());
    return *t;
}

std::string jst(UnixSeconds t) { return format_iso8601(t, kJstOffsetMinutes); }

const Catalog& sample() {
    static const Catalog catalog = [] {
        auto load = load_catalog(sample_catalog_json());
        REQUIRE(load.catalog.has_value());
        return *load.catalog;
    }();
    return catalog;
}

const Plan& plan(std::string_view id) {
    const Plan* p = sample().find_plan(id);
    INFO(id);
    REQUIRE(p != nullptr);
    return *p;
}

// A problem's message id has an English template, and each {placeholder} of it is among its args.
void check_message(std::string_view id, const std::vector<MessageArg>& args) {
    INFO(id);
    std::string_view text = status_message_template(id);
    if (id.starts_with("time.")) text = time_message_template(id);
    if (id.starts_with("money.")) return;  // money.h's own
    REQUIRE_FALSE(text.empty());
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        REQUIRE(close != std::string_view::npos);
        const std::string name(text.substr(open + 1, close - open - 1));
        bool found = false;
        for (const auto& a : args) found = found || a.name == name;
        INFO(name);
        CHECK(found);
    }
}
void check_message(const Problem& p) { check_message(p.message_id, p.args); }

CardStatus parsed(std::string_view json) {
    auto r = parse_card_status(json);
    INFO(json);
    if (!r) INFO(r.problem().message_id << " at " << r.problem().where);
    REQUIRE(r.ok());
    return *r;
}

// The problem of a status that must be refused; checks its message.
Problem refused(std::string_view json) {
    auto r = parse_card_status(json);
    INFO(json);
    REQUIRE_FALSE(r.ok());
    check_message(r.problem());
    CHECK(r.problem().is_error());
    return r.problem();
}

// The status JSON of a Sakura SIM with `extra` members added (or replacing earlier ones: the last one wins).
std::string sim_json(std::string_view extra = "") {
    std::string out = R"({"card":"sim","operator":"sakura-mobile-jp","product":"sakura-visitor-sim",)"
                      R"("plan_name":"7 days · 5 GB","activated_at":"2026-11-20T10:00:00+09:00",)"
                      R"("validity":"calendar_jst","days":7,"data_total_mb":5120,"data_used_mb":4200)";
    if (!extra.empty()) {
        out += ',';
        out += extra;
    }
    out += '}';
    return out;
}

std::string wifi_json(std::string_view extra = "") {
    std::string out = R"({"card":"wifi","operator":"tabi-wifi","product":"tabi-pocket-wifi",)"
                      R"("activated_at":"2026-11-20T10:00:00+09:00","unlimited":true,"data_used_mb":12000,)"
                      R"("rental_return_date":"2026-11-30")";
    if (!extra.empty()) {
        out += ',';
        out += extra;
    }
    out += '}';
    return out;
}

// A status built by hand, for the rules that need exact numbers.
CardStatus sim_status(UnixSeconds expires_at, std::int64_t total_mb, std::int64_t used_mb) {
    CardStatus s;
    s.card = CardKind::sim;
    s.operator_id = "sakura-mobile-jp";
    s.product_id = "sakura-visitor-sim";
    s.activated_at = at("2026-11-20T10:00:00+09:00");
    s.validity = ValidityRule::calendar_jst;
    s.days = 7;
    s.data_total_mb = total_mb;
    s.data_used_mb = used_mb;
    s.expires_at = expires_at;
    return s;
}

const std::vector<Plan>& no_plans() {
    static const std::vector<Plan> none;
    return none;
}

RenewalPreview preview_ok(const CardStatus& s, std::vector<PlanQuantity> items, UnixSeconds now) {
    auto r = preview_renewal(s, items, now);
    if (!r) INFO(r.problem().message_id);
    REQUIRE(r.ok());
    for (const auto& line : r->lines) check_message(line.message.message_id, line.message.args);
    for (const auto& note : r->notes) {
        check_message(note);
        CHECK(note.severity == Severity::warning);
    }
    return *r;
}

std::vector<std::string> note_ids(const RenewalPreview& p) {
    std::vector<std::string> ids;
    for (const auto& n : p.notes) ids.push_back(n.message_id);
    return ids;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------------
// Validity rules

TEST_CASE("status: calendar days in Japan, activation day is day 1") {
    // Activated 2026-11-20 10:00 JST, 7 days: until 2026-11-26 23:59:59 JST.
    const UnixSeconds activated = at("2026-11-20T10:00:00+09:00");
    CHECK(validity_end(ValidityRule::calendar_jst, activated, 7) == 1'795'705'199);
    CHECK(format_iso8601_utc(validity_end(ValidityRule::calendar_jst, activated, 7)) == "2026-11-26T14:59:59Z");
    CHECK(jst(validity_end(ValidityRule::calendar_jst, activated, 1)) == "2026-11-20T23:59:59+09:00");
    // Near midnight in Japan: 23:59:30 JST leaves 29 seconds of day 1; ten seconds after midnight is a new day 1,
    // although it is still the 20th in UTC.
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2026-11-20T23:59:30+09:00"), 1)) ==
          "2026-11-20T23:59:59+09:00");
    CHECK(validity_end(ValidityRule::calendar_jst, at("2026-11-20T23:59:30+09:00"), 1) -
              at("2026-11-20T23:59:30+09:00") ==
          29);
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2026-11-20T15:00:10Z"), 1)) ==
          "2026-11-21T23:59:59+09:00");
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2026-11-20T14:59:59Z"), 1)) ==
          "2026-11-20T23:59:59+09:00");
    // Month and year ends.
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2026-11-28T08:00:00+09:00"), 5)) ==
          "2026-12-02T23:59:59+09:00");
    CHECK(format_iso8601_utc(validity_end(ValidityRule::calendar_jst, at("2026-12-28T10:00:00+09:00"), 7)) ==
          "2027-01-03T14:59:59Z");
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2026-12-31T23:30:00+09:00"), 1)) ==
          "2026-12-31T23:59:59+09:00");
    // Leap day 2028, and the same dates in 2026 that has none.
    CHECK(format_iso8601_utc(validity_end(ValidityRule::calendar_jst, at("2028-02-27T12:00:00+09:00"), 3)) ==
          "2028-02-29T14:59:59Z");
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2026-02-27T12:00:00+09:00"), 3)) ==
          "2026-03-01T23:59:59+09:00");
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2028-02-29T00:00:00+09:00"), 1)) ==
          "2028-02-29T23:59:59+09:00");
    CHECK(jst(validity_end(ValidityRule::calendar_jst, at("2028-02-28T09:00:00+09:00"), 30)) ==
          "2028-03-28T23:59:59+09:00");
    // No days: the start itself.
    CHECK(validity_end(ValidityRule::calendar_jst, activated, 0) == activated);
}

TEST_CASE("status: rolling 24-hour periods") {
    CHECK(format_iso8601_utc(validity_end(ValidityRule::rolling_24h, at("2026-11-20T03:00:00Z"), 3)) ==
          "2026-11-23T03:00:00Z");
    CHECK(validity_end(ValidityRule::rolling_24h, at("2026-11-20T03:00:00Z"), 3) == 1'795'402'800);
    // Activation at 23:59 JST: the 24 hours run on into the next Japan day.
    CHECK(jst(validity_end(ValidityRule::rolling_24h, at("2026-11-20T23:59:00+09:00"), 1)) ==
          "2026-11-21T23:59:00+09:00");
    CHECK(format_iso8601_utc(validity_end(ValidityRule::rolling_24h, at("2026-12-30T20:00:00Z"), 5)) ==
          "2027-01-04T20:00:00Z");
    CHECK(format_iso8601_utc(validity_end(ValidityRule::rolling_24h, at("2028-02-28T12:00:00Z"), 2)) ==
          "2028-03-01T12:00:00Z");
    CHECK(format_iso8601_utc(validity_end(ValidityRule::rolling_24h, at("2026-02-28T12:00:00Z"), 2)) ==
          "2026-03-02T12:00:00Z");
    // Saturates instead of overflowing.
    CHECK(validity_end(ValidityRule::rolling_24h, std::numeric_limits<UnixSeconds>::max() - 5, 3) ==
          std::numeric_limits<UnixSeconds>::max());
}

TEST_CASE("status: a wifi rental ends at 23:59:59 JST on the return date") {
    CHECK(format_iso8601_utc(rental_end({2026, 11, 30})) == "2026-11-30T14:59:59Z");
    CHECK(rental_end({2026, 11, 30}) == 1'796'050'799);
    CHECK(jst(rental_end({2028, 2, 29})) == "2028-02-29T23:59:59+09:00");
    CHECK(jst(rental_end({2026, 12, 31})) == "2026-12-31T23:59:59+09:00");
    CHECK(jst_date(at("2026-11-30T15:00:00Z")) == CivilDate{2026, 12, 1});
    CHECK(jst_date(at("2026-11-30T14:59:59Z")) == CivilDate{2026, 11, 30});
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

TEST_CASE("status: parse a SIM status and compute its expiry") {
    const CardStatus s = parsed(sim_json());
    CHECK(s.card == CardKind::sim);
    CHECK(s.operator_id == "sakura-mobile-jp");
    CHECK(s.product_id == "sakura-visitor-sim");
    CHECK(s.plan_name == "7 days · 5 GB");
    CHECK(s.activated_at == at("2026-11-20T01:00:00Z"));
    CHECK(s.validity == ValidityRule::calendar_jst);
    CHECK(s.days == 7);
    CHECK_FALSE(s.unlimited);
    CHECK(s.data_total_mb == 5120);
    CHECK(s.data_used_mb == 4200);
    CHECK_FALSE(s.rental_return_date);
    CHECK_FALSE(s.late_fee_per_day);
    CHECK(format_iso8601_utc(s.expires_at) == "2026-11-26T14:59:59Z");
    CHECK_FALSE(s.expiry_from_host);

    const CardStatus rolling = parsed(
        R"({"card":"esim","operator":"kumo-esim","product":"kumo-japan-esim","activated_at":"2026-11-20T03:00:00Z",)"
        R"("validity":"rolling_24h","days":3,"unlimited":true})");
    CHECK(format_iso8601_utc(rolling.expires_at) == "2026-11-23T03:00:00Z");
    CHECK(rolling.unlimited);
    CHECK(rolling.data_total_mb == 0);
    CHECK(rolling.data_used_mb == 0);
    CHECK(rolling.plan_name.empty());
    CHECK(rolling.plan_id.empty());

    // The current plan named by its catalogue id (the panel then shows its translated name).
    const CardStatus with_id = parsed(
        R"({"card":"esim","operator":"kumo-esim","product":"kumo-japan-esim","plan":"kumo-7d-10gb",)"
        R"("activated_at":"2026-11-20T03:00:00Z","validity":"rolling_24h","days":7,"unlimited":true})");
    CHECK(with_id.plan_id == "kumo-7d-10gb");
    const auto not_text = parse_card_status(
        R"({"card":"esim","operator":"kumo-esim","product":"kumo-japan-esim","plan":7,"expires_at":"2026-12-01T00:00:00Z",)"
        R"("unlimited":true})");
    REQUIRE_FALSE(not_text);
    CHECK(not_text.problem().where == "/plan");
}

TEST_CASE("status: the host's expires_at wins; null members count as absent; unknown members are ignored") {
    const CardStatus s = parsed(sim_json(R"("expires_at":"2026-12-01T00:00:00+09:00","extra":{"x":[1]})"));
    CHECK(jst(s.expires_at) == "2026-12-01T00:00:00+09:00");
    CHECK(s.expiry_from_host);
    // With expires_at, activation, validity and days may be left out.
    const CardStatus bare = parsed(
        R"({"card":"sim","operator":"o","product":"p","expires_at":"2026-12-01T00:00:00Z","data_total_mb":100,)"
        R"("data_used_mb":0,"activated_at":null,"validity":null,"days":null,"plan_name":null,"unlimited":null})");
    CHECK_FALSE(bare.activated_at);
    CHECK_FALSE(bare.validity);
    CHECK(bare.days == 0);
    CHECK(format_iso8601_utc(bare.expires_at) == "2026-12-01T00:00:00Z");
    // Used may exceed the total (some operators count past the cap).
    CHECK(parsed(sim_json(R"("data_used_mb":6000)")).data_used_mb == 6000);
    // An unlimited card may send data_total_mb as null.
    CHECK(parsed(sim_json(R"("unlimited":true,"data_total_mb":null)")).unlimited);
}

TEST_CASE("status: parse a wifi rental") {
    const CardStatus s = parsed(wifi_json(R"("late_fee_per_day":{"minor":1650,"currency":"JPY"})"));
    CHECK(s.card == CardKind::wifi);
    CHECK(s.rental_return_date == CivilDate{2026, 11, 30});
    CHECK(format_iso8601_utc(s.expires_at) == "2026-11-30T14:59:59Z");
    REQUIRE(s.late_fee_per_day);
    CHECK(*s.late_fee_per_day == Money{1650, "JPY"});
    CHECK(s.data_used_mb == 12000);
    // No activation time is needed for a rental.
    const CardStatus bare = parsed(
        R"({"card":"wifi","operator":"tabi-wifi","product":"tabi-pocket-wifi","unlimited":true,)"
        R"("rental_return_date":"2028-02-29"})");
    CHECK(jst(bare.expires_at) == "2028-02-29T23:59:59+09:00");
    // expires_at wins here too.
    CHECK(jst(parsed(wifi_json(R"("expires_at":"2026-11-30T18:00:00+09:00")")).expires_at) ==
          "2026-11-30T18:00:00+09:00");
}

TEST_CASE("status: malformed JSON and the wrong top level") {
    Problem p = refused("{\"card\":");
    CHECK(p.message_id == "status.not_json");
    CHECK(p.where == "");
    CHECK(p.arg("offset") == "8");
    CHECK(refused("").message_id == "status.not_json");
    p = refused("[1]");
    CHECK(p.message_id == "status.not_object");
    CHECK(p.arg("found") == "an array");
    CHECK(refused("\"sim\"").arg("found") == "a string");
    CHECK(refused("null").arg("found") == "null");
    p = refused(std::string(kMaxStatusBytes + 1, ' '));
    CHECK(p.message_id == "status.too_large");
    CHECK(p.arg("max") == "16384");
}

TEST_CASE("status: each member missing or of the wrong type, with its JSON pointer") {
    struct Case {
        std::string json;
        std::string where;
        std::string id;
    };
    const std::vector<Case> cases = {
        {R"({"operator":"o","product":"p"})", "/card", "status.missing_field"},
        {sim_json(R"("card":5)"), "/card", "status.wrong_type"},
        {sim_json(R"("card":"phone")"), "/card", "status.unknown_value"},
        {sim_json(R"("card":"SIM")"), "/card", "status.unknown_value"},
        {R"({"card":"sim","product":"p"})", "/operator", "status.missing_field"},
        {sim_json(R"("operator":"")"), "/operator", "status.empty"},
        {sim_json(R"("operator":["a"])"), "/operator", "status.wrong_type"},
        {sim_json(R"("operator":")" + std::string(201, 'o') + "\""), "/operator", "status.too_long"},
        {R"({"card":"sim","operator":"o"})", "/product", "status.missing_field"},
        {sim_json(R"("product":{})"), "/product", "status.wrong_type"},
        {sim_json(R"("plan_name":7)"), "/plan_name", "status.wrong_type"},
        {sim_json(R"("activated_at":1795136400)"), "/activated_at", "status.wrong_type"},
        {sim_json(R"("activated_at":"yesterday")"), "/activated_at", "time.bad_format"},
        {sim_json(R"("activated_at":"2026-02-29T10:00:00+09:00")"), "/activated_at", "time.bad_day"},
        {sim_json(R"("activated_at":"2026-11-20T24:00:00Z")"), "/activated_at", "time.bad_hour"},
        {sim_json(R"("validity":"monthly")"), "/validity", "status.unknown_value"},
        {sim_json(R"("validity":true)"), "/validity", "status.wrong_type"},
        {sim_json(R"("days":0)"), "/days", "status.out_of_range"},
        {sim_json(R"("days":3661)"), "/days", "status.out_of_range"},
        {sim_json(R"("days":-1)"), "/days", "status.out_of_range"},
        {sim_json(R"("days":7.5)"), "/days", "status.wrong_type"},
        {sim_json(R"("days":"7")"), "/days", "status.wrong_type"},
        {sim_json(R"("days":18446744073709551615)"), "/days", "status.out_of_range"},
        {sim_json(R"("unlimited":"yes")"), "/unlimited", "status.wrong_type"},
        {sim_json(R"("unlimited":true)"), "/data_total_mb", "status.unlimited_with_total"},
        {sim_json(R"("data_total_mb":0)"), "/data_total_mb", "status.out_of_range"},
        {sim_json(R"("data_total_mb":100000001)"), "/data_total_mb", "status.out_of_range"},
        {sim_json(R"("data_total_mb":5120.0)"), "/data_total_mb", "status.wrong_type"},
        {sim_json(R"("data_total_mb":null)"), "/data_total_mb", "status.missing_field"},
        {sim_json(R"("data_used_mb":-5)"), "/data_used_mb", "status.out_of_range"},
        {sim_json(R"("data_used_mb":"4200")"), "/data_used_mb", "status.wrong_type"},
        {sim_json(R"("data_used_mb":null)"), "/data_used_mb", "status.missing_field"},
        {sim_json(R"("expires_at":"2026-11-26 23:59:59")"), "/expires_at", "time.bad_format"},
        {sim_json(R"("expires_at":"2026-11-26T23:60:00+09:00")"), "/expires_at", "time.bad_minute"},
        {sim_json(R"("expires_at":false)"), "/expires_at", "status.wrong_type"},
        {sim_json(R"("rental_return_date":"2026-11-30")"), "/rental_return_date", "status.wifi_only"},
        {wifi_json(R"("rental_return_date":"2026-11-31")"), "/rental_return_date", "time.bad_day"},
        {wifi_json(R"("rental_return_date":"2026-11-30T00:00:00Z")"), "/rental_return_date",
         "time.bad_date_format"},
        {wifi_json(R"("rental_return_date":20261130)"), "/rental_return_date", "status.wrong_type"},
        {wifi_json(R"("rental_return_date":null)"), "/rental_return_date", "status.missing_field"},
        {wifi_json(R"("late_fee_per_day":1650)"), "/late_fee_per_day", "status.wrong_type"},
        {wifi_json(R"("late_fee_per_day":{"minor":"1650","currency":"JPY"})"), "/late_fee_per_day/minor",
         "status.wrong_type"},
        {wifi_json(R"("late_fee_per_day":{"minor":-1,"currency":"JPY"})"), "/late_fee_per_day/minor",
         "status.out_of_range"},
        {wifi_json(R"("late_fee_per_day":{"currency":"JPY"})"), "/late_fee_per_day/minor", "status.missing_field"},
        {wifi_json(R"("late_fee_per_day":{"minor":1650})"), "/late_fee_per_day/currency", "status.missing_field"},
        {wifi_json(R"("late_fee_per_day":{"minor":1650,"currency":"yen"})"), "/late_fee_per_day/currency",
         "status.unknown_currency"},
        {sim_json(R"("late_fee_per_day":{"minor":1650,"currency":"JPY"})"), "/late_fee_per_day", "status.wifi_only"},
        // Without expires_at, a SIM's expiry needs activation, validity and days.
        {R"({"card":"sim","operator":"o","product":"p","validity":"calendar_jst","days":7,"unlimited":true})",
         "/activated_at", "status.no_expiry"},
        {R"({"card":"esim","operator":"o","product":"p","activated_at":"2026-11-20T03:00:00Z","days":7,)"
         R"("unlimited":true})",
         "/validity", "status.no_expiry"},
        {R"({"card":"esim","operator":"o","product":"p","activated_at":"2026-11-20T03:00:00Z",)"
         R"("validity":"rolling_24h","unlimited":true})",
         "/days", "status.no_expiry"},
        // Times that contradict each other.
        {sim_json(R"("expires_at":"2026-11-20T09:59:59+09:00")"), "/expires_at", "status.ends_before_activation"},
        {wifi_json(R"("rental_return_date":"2026-11-19")"), "/rental_return_date", "status.ends_before_activation"},
    };
    for (const Case& c : cases) {
        const Problem p = refused(c.json);
        CHECK(p.where == c.where);
        CHECK(p.message_id == c.id);
    }
    // The arguments say what was found.
    Problem p = refused(sim_json(R"("days":7.5)"));
    CHECK(p.arg("field") == "days");
    CHECK(p.arg("expected") == "a whole number");
    CHECK(p.arg("found") == "a decimal number");
    p = refused(sim_json(R"("days":18446744073709551615)"));
    CHECK(p.arg("value") == "18446744073709551615");
    CHECK(p.arg("min") == "1");
    CHECK(p.arg("max") == "3660");
    p = refused(sim_json(R"("card":"phone")"));
    CHECK(p.arg("value") == "phone");
    CHECK(p.arg("allowed") == "sim, esim, wifi");
    p = refused(sim_json(R"("activated_at":"2026-02-29T10:00:00+09:00")"));
    CHECK(p.arg("days_in_month") == "28");
    p = refused(sim_json(R"("expires_at":"2026-11-20T09:59:59+09:00")"));
    CHECK(p.arg("end") == "2026-11-20T09:59:59+09:00");
    CHECK(p.arg("start") == "2026-11-20T10:00:00+09:00");
    p = refused(sim_json(R"("rental_return_date":"2026-11-30")"));
    CHECK(p.arg("card") == "sim");
}

TEST_CASE("status: the status against the catalogue") {
    CHECK(check_status_against_catalog(parsed(sim_json()), sample()).empty());
    CHECK(check_status_against_catalog(parsed(wifi_json()), sample()).empty());
    auto problems = check_status_against_catalog(parsed(sim_json(R"("operator":"nobody")")), sample());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message_id == "status.unknown_operator");
    CHECK(problems[0].where == "/operator");
    problems = check_status_against_catalog(parsed(sim_json(R"("product":"nothing")")), sample());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message_id == "status.unknown_product");
    CHECK(problems[0].where == "/product");
    problems = check_status_against_catalog(parsed(sim_json(R"("card":"esim")")), sample());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message_id == "status.card_mismatch");
    CHECK(problems[0].arg("product_card") == "sim");
    problems = check_status_against_catalog(parsed(sim_json(R"("operator":"kumo-esim")")), sample());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message_id == "status.operator_mismatch");
    CHECK(problems[0].arg("product_operator") == "sakura-mobile-jp");
    for (const auto& p : problems) check_message(p);
}

// ---------------------------------------------------------------------------------------------------------------
// The status screen

TEST_CASE("status: expiry shown in Japan and at the traveller's offset") {
    const UnixSeconds expiry = at("2026-11-26T14:59:59Z");
    InstantDisplay d = display_instant(expiry, 8 * 60);  // Taipei, Hong Kong, Shanghai
    CHECK(d.jst == CivilDateTime{{2026, 11, 26}, 23, 59, 59});
    CHECK(d.local == CivilDateTime{{2026, 11, 26}, 22, 59, 59});
    CHECK(d.local_offset_minutes == 480);
    d = display_instant(expiry, -8 * 60);  // Los Angeles in winter
    CHECK(d.local == CivilDateTime{{2026, 11, 26}, 6, 59, 59});
    d = display_instant(expiry, 5 * 60 + 30);
    CHECK(d.local == CivilDateTime{{2026, 11, 26}, 20, 29, 59});
    d = display_instant(expiry, 100'000);  // nonsense from a browser is clamped
    CHECK(d.local_offset_minutes == 18 * 60);
    CHECK(display_instant(expiry, -100'000).local_offset_minutes == -18 * 60);
}

TEST_CASE("status: countdown") {
    const UnixSeconds expiry = at("2026-11-26T14:59:59Z");
    Countdown c = countdown_to(expiry, at("2026-11-23T12:30:00Z"));
    CHECK_FALSE(c.expired);
    CHECK(c.days == 3);
    CHECK(c.hours == 2);
    CHECK(c.minutes == 29);
    CHECK(c.seconds == 59);
    CHECK(c.total_seconds == 3 * 86'400 + 2 * 3'600 + 29 * 60 + 59);
    c = countdown_to(expiry, expiry);
    CHECK_FALSE(c.expired);  // the expiry is the last second it works
    CHECK(c.total_seconds == 0);
    c = countdown_to(expiry, expiry + 1);
    CHECK(c.expired);
    CHECK(c.total_seconds == 0);
    CHECK(c.days == 0);
    c = countdown_to(std::numeric_limits<UnixSeconds>::max(), std::numeric_limits<UnixSeconds>::min());
    CHECK(c.total_seconds == std::numeric_limits<UnixSeconds>::max());
}

TEST_CASE("status: data left") {
    DataLeft d = data_left(sim_status(0, 5120, 4200));
    CHECK(d.total_mb == 5120);
    CHECK(d.used_mb == 4200);
    CHECK(d.left_mb == 920);
    CHECK(d.permille_left == 179);
    d = data_left(sim_status(0, 5120, 6000));
    CHECK(d.left_mb == 0);
    CHECK(d.permille_left == 0);
    d = data_left(sim_status(0, 5120, 0));
    CHECK(d.permille_left == 1000);
    CardStatus unlimited = sim_status(0, 0, 3000);
    unlimited.unlimited = true;
    d = data_left(unlimited);
    CHECK(d.unlimited);
    CHECK(d.used_mb == 3000);
    CHECK(d.permille_left == 1000);
}

TEST_CASE("status: renew by") {
    const CardStatus sim = parsed(sim_json());
    RenewBy r = renew_by(sim, sample().plans, at("2026-11-24T00:00:00Z"));
    CHECK(r.at == sim.expires_at);
    CHECK(r.notice_hours == 0);
    CHECK_FALSE(r.passed);
    // A rental needs 48 hours' notice for an extension: renew by 2026-11-28 23:59:59 JST.
    const CardStatus wifi = parsed(wifi_json());
    r = renew_by(wifi, sample().plans, at("2026-11-24T00:00:00Z"));
    CHECK(jst(r.at) == "2026-11-28T23:59:59+09:00");
    CHECK(r.notice_hours == 48);
    CHECK_FALSE(r.passed);
    r = renew_by(wifi, sample().plans, at("2026-11-28T23:59:59+09:00"));
    CHECK_FALSE(r.passed);
    r = renew_by(wifi, sample().plans, at("2026-11-29T00:00:00+09:00"));
    CHECK(r.passed);
    // Without the catalogue's plans, no notice is known.
    CHECK(renew_by(wifi, no_plans(), 0).at == wifi.expires_at);
}

TEST_CASE("status: warnings at exactly 3 days and 10 %") {
    const UnixSeconds expiry = at("2026-11-26T14:59:59Z");
    // 3 days and 1 second left, 10 % exactly left: nothing to warn about.
    CardStatus s = sim_status(expiry, 5120, 4608);
    CHECK(status_warnings(s, no_plans(), expiry - 3 * 86'400 - 1).empty());
    // Exactly 3 days left.
    auto w = status_warnings(s, no_plans(), expiry - 3 * 86'400);
    REQUIRE(w.size() == 1);
    CHECK(w[0].message_id == "status.expires_soon");
    CHECK(w[0].severity == Severity::warning);
    CHECK(w[0].where == "expires_at");
    CHECK(w[0].arg("date") == "Thu 26 Nov");
    CHECK(w[0].arg("time") == "23:59");
    CHECK(w[0].arg("days") == "3");
    CHECK(w[0].arg("hours") == "0");
    CHECK(w[0].arg("renew_date") == "Thu 26 Nov");
    CHECK(w[0].arg("renew_time") == "23:59");
    check_message(w[0]);
    // One MB under 10 %.
    s.data_used_mb = 4609;
    w = status_warnings(s, no_plans(), expiry - 4 * 86'400);
    REQUIRE(w.size() == 1);
    CHECK(w[0].message_id == "status.data_low");
    CHECK(w[0].where == "data_used_mb");
    CHECK(w[0].arg("left_mb") == "511");
    CHECK(w[0].arg("total_mb") == "5120");
    CHECK(w[0].arg("percent") == "9");
    check_message(w[0]);
    // Both, in order.
    w = status_warnings(s, no_plans(), expiry - 60);
    REQUIRE(w.size() == 2);
    CHECK(w[0].message_id == "status.expires_soon");
    CHECK(w[0].arg("days") == "0");
    CHECK(w[1].message_id == "status.data_low");
    // Out of data, used exactly and beyond.
    for (std::int64_t used : {5120, 9000}) {
        s.data_used_mb = used;
        w = status_warnings(s, no_plans(), expiry - 5 * 86'400);
        REQUIRE(w.size() == 1);
        CHECK(w[0].message_id == "status.out_of_data");
        CHECK(w[0].arg("total_mb") == "5120");
        check_message(w[0]);
    }
    // Expired: only that.
    w = status_warnings(s, no_plans(), expiry + 1);
    REQUIRE(w.size() == 1);
    CHECK(w[0].message_id == "status.expired");
    CHECK(w[0].arg("date") == "Thu 26 Nov");
    CHECK(w[0].arg("time") == "23:59");
    check_message(w[0]);
    CHECK(status_warnings(s, no_plans(), expiry).front().message_id == "status.expires_soon");
    // Unlimited data never runs low.
    s.unlimited = true;
    s.data_total_mb = 0;
    CHECK(status_warnings(s, no_plans(), expiry - 5 * 86'400).empty());
}

TEST_CASE("status: a rental's expires_soon names the renew-by time with the extension notice") {
    const CardStatus wifi = parsed(wifi_json());
    auto w = status_warnings(wifi, sample().plans, at("2026-11-28T12:00:00+09:00"));
    REQUIRE(w.size() == 1);
    CHECK(w[0].message_id == "status.expires_soon");
    CHECK(w[0].arg("renew_date") == "Sat 28 Nov");
    CHECK(w[0].arg("renew_time") == "23:59");
    CHECK(w[0].arg("days") == "2");
    CHECK(w[0].arg("hours") == "11");
}

TEST_CASE("status: burn-rate forecast") {
    // Activated 2026-11-20 10:00 JST, 7 calendar days: expires 2026-11-26 23:59:59 JST.
    const CardStatus base = parsed(sim_json());
    const UnixSeconds now = at("2026-11-23T01:00:00Z");  // exactly 3 days in

    SUBCASE("runs out 2 days before expiry") {
        const DataForecast f = forecast_data(base, now);  // 4200 MB used, 920 left
        REQUIRE(f.available);
        CHECK(f.elapsed_seconds == 3 * 86'400);
        CHECK(f.mb_per_day == 1400);
        // 920 MB at 1400 MB a day: 920 × 259200 / 4200 = 56777 s.
        CHECK(f.runs_out_at == now + 56'777);
        CHECK(jst(f.runs_out_at) == "2026-11-24T01:46:17+09:00");
        CHECK(f.runs_out_date == CivilDate{2026, 11, 24});
        CHECK(f.before_expiry);
        CHECK(f.days_before_expiry == 2);
        CHECK(f.message.message_id == "status.forecast.before_expiry");
        check_message(f.message.message_id, f.message.args);
        CHECK(f.message.args[0].value == "1400");
    }
    SUBCASE("1 day before expiry uses the singular message") {
        CardStatus s = base;
        s.data_used_mb = 2100;          // 700 MB a day
        s.data_total_mb = 2100 + 1750;  // 1750 left: 2.5 days → 2026-11-25T13:00:00Z = 22:00 JST on the 25th
        const DataForecast f = forecast_data(s, now);
        CHECK(f.mb_per_day == 700);
        CHECK(format_iso8601_utc(f.runs_out_at) == "2026-11-25T13:00:00Z");
        CHECK(f.days_before_expiry == 1);
        CHECK(f.message.message_id == "status.forecast.before_expiry.one");
        check_message(f.message.message_id, f.message.args);
    }
    SUBCASE("runs out on the day of expiry") {
        CardStatus s = base;
        s.data_used_mb = 2100;
        s.data_total_mb = 2100 + 2450;  // 3.5 days → 2026-11-26T13:00:00Z = 22:00 JST on the 26th
        const DataForecast f = forecast_data(s, now);
        CHECK(f.before_expiry);
        CHECK(f.days_before_expiry == 0);
        CHECK(f.message.message_id == "status.forecast.expiry_day");
        CHECK(f.message.args.back().name == "time");
        CHECK(f.message.args.back().value == "22:00");
        check_message(f.message.message_id, f.message.args);
    }
    SUBCASE("lasts past expiry") {
        CardStatus s = base;
        s.data_used_mb = 1000;  // 333.3 MB a day
        const DataForecast f = forecast_data(s, now);
        CHECK(f.mb_per_day == 333);
        CHECK_FALSE(f.before_expiry);
        CHECK(f.runs_out_at > s.expires_at);
        // 309599 s to expiry use 1000 × 309599 / 259200 = 1194 MB of the 4120 left.
        CHECK(f.mb_left_at_expiry == 4120 - 1194);
        CHECK(f.message.message_id == "status.forecast.lasts");
        check_message(f.message.message_id, f.message.args);
    }
    SUBCASE("the first day counts as a whole day") {
        const DataForecast f = forecast_data(base, at("2026-11-20T03:00:00Z"));  // two hours in
        CHECK(f.elapsed_seconds == 86'400);
        CHECK(f.mb_per_day == 4200);
        // Activation in the future (clock skew) also counts as one day.
        CHECK(forecast_data(base, at("2026-11-19T00:00:00Z")).elapsed_seconds == 86'400);
    }
    SUBCASE("rounded rate") {
        CardStatus s = base;
        s.data_used_mb = 1001;  // 1001 / 2 days = 500.5 → 501
        CHECK(forecast_data(s, at("2026-11-22T01:00:00Z")).mb_per_day == 501);
    }
    SUBCASE("no forecast") {
        CardStatus s = base;
        s.data_used_mb = 0;
        CHECK_FALSE(forecast_data(s, now).available);
        s.data_used_mb = 5120;
        CHECK_FALSE(forecast_data(s, now).available);  // nothing left
        CHECK_FALSE(forecast_data(base, base.expires_at + 1).available);
        s = base;
        s.activated_at.reset();
        CHECK_FALSE(forecast_data(s, now).available);
        s = base;
        s.unlimited = true;
        const DataForecast f = forecast_data(s, now);
        CHECK_FALSE(f.available);
        CHECK(f.message.message_id.empty());
    }
}

TEST_CASE("status: summary for the status screen") {
    const CardStatus s = parsed(sim_json());
    const StatusSummary sum = summarize_status(s, sample().plans, at("2026-11-24T03:00:00Z"), 8 * 60);
    CHECK(sum.expiry.jst == CivilDateTime{{2026, 11, 26}, 23, 59, 59});
    CHECK(sum.expiry.local == CivilDateTime{{2026, 11, 26}, 22, 59, 59});
    CHECK(sum.countdown.days == 2);
    CHECK(sum.countdown.hours == 11);
    CHECK(sum.renew_by.at == s.expires_at);
    CHECK(sum.renew_by_display.jst == sum.expiry.jst);
    CHECK(sum.data.left_mb == 920);
    CHECK(sum.forecast.available);
    REQUIRE(sum.warnings.size() == 1);
    CHECK(sum.warnings[0].message_id == "status.expires_soon");
}

// ---------------------------------------------------------------------------------------------------------------
// The card after a renewal

TEST_CASE("status preview: a day pass after the current calendar days, data added") {
    const CardStatus s = parsed(sim_json());  // until 2026-11-26 23:59:59 JST, 920 of 5120 MB left
    const RenewalPreview p = preview_ok(s, {{&plan("sakura-7d-5gb"), 1}}, at("2026-11-24T03:00:00Z"));
    CHECK_FALSE(p.before.expired);
    CHECK(p.before.expires_at == s.expires_at);
    CHECK(p.before.data_total_mb == 5120);
    CHECK(p.before.data_left_mb == 920);
    CHECK(jst(p.after.expires_at) == "2026-12-03T23:59:59+09:00");
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-12-03T14:59:59Z");
    CHECK(p.after.data_total_mb == 10240);
    CHECK(p.after.data_left_mb == 6040);
    CHECK_FALSE(p.after.unlimited);
    CHECK(p.after.unlimited_windows.empty());
    CHECK(p.notes.empty());
    REQUIRE(p.lines.size() == 1);
    const PreviewLine& line = p.lines[0];
    CHECK(line.plan_id == "sakura-7d-5gb");
    CHECK(jst(line.starts_at) == "2026-11-27T00:00:00+09:00");
    CHECK(line.ends_at == p.after.expires_at);
    CHECK(line.expires_after == p.after.expires_at);
    CHECK(line.days_added == 7);
    CHECK(line.data_added_mb == 5120);
    CHECK(line.message.message_id == "status.preview.line.days");
    CHECK(line.message.args[0].value == "7 days · 5 GB");
    bool saw_start = false;
    for (const auto& a : line.message.args) {
        if (a.name == "start") {
            CHECK(a.value == "Fri 27 Nov, 00:00");
            saw_start = true;
        }
        if (a.name == "end") CHECK(a.value == "Thu 3 Dec, 23:59");
    }
    CHECK(saw_start);
}

TEST_CASE("status preview: quantity, year end and leap day") {
    // Two 7-day passes on a card that ends 2026-12-24: to 2027-01-07 in Japan.
    CardStatus s = sim_status(at("2026-12-24T23:59:59+09:00"), 5120, 100);
    RenewalPreview p = preview_ok(s, {{&plan("sakura-7d-5gb"), 2}}, at("2026-12-20T00:00:00Z"));
    CHECK(jst(p.after.expires_at) == "2027-01-07T23:59:59+09:00");
    CHECK(p.after.data_total_mb == 5120 + 2 * 5120);
    CHECK(p.lines[0].days_added == 14);
    CHECK(p.lines[0].data_added_mb == 10240);
    CHECK(p.lines[0].quantity == 2);
    // Across 2028-02-29.
    s = sim_status(at("2028-02-26T23:59:59+09:00"), 1024, 0);
    p = preview_ok(s, {{&plan("sakura-1d-1gb"), 3}}, at("2028-02-25T00:00:00Z"));
    CHECK(jst(p.after.expires_at) == "2028-02-29T23:59:59+09:00");
    p = preview_ok(s, {{&plan("sakura-1d-1gb"), 4}}, at("2028-02-25T00:00:00Z"));
    CHECK(jst(p.after.expires_at) == "2028-03-01T23:59:59+09:00");
}

TEST_CASE("status preview: a data pack adds data and keeps the expiry") {
    const CardStatus s = parsed(sim_json());
    const UnixSeconds now = at("2026-11-24T03:00:00Z");
    const RenewalPreview p = preview_ok(s, {{&plan("sakura-pack-3gb"), 1}}, now);
    CHECK(p.after.expires_at == s.expires_at);
    CHECK(p.after.data_total_mb == 5120 + 3072);
    CHECK(p.after.data_left_mb == 920 + 3072);
    REQUIRE(p.lines.size() == 1);
    CHECK(p.lines[0].message.message_id == "status.preview.line.data_pack");
    CHECK(p.lines[0].starts_at == now);
    CHECK(p.lines[0].ends_at == s.expires_at);
    CHECK(p.lines[0].days_added == 0);
    // On an out-of-data card the pack is what is left.
    CardStatus empty = s;
    empty.data_used_mb = 7000;
    const RenewalPreview q = preview_ok(empty, {{&plan("sakura-pack-3gb"), 2}}, now);
    CHECK(q.after.data_left_mb == 6144);
    CHECK(q.after.data_total_mb == 5120 + 6144);
}

TEST_CASE("status preview: an expired card renews from now; packs are applied after plans with days") {
    const CardStatus s = parsed(sim_json());
    const UnixSeconds now = at("2026-11-28T21:00:00+09:00");
    const RenewalPreview p =
        preview_ok(s, {{&plan("sakura-pack-3gb"), 1}, {&plan("sakura-1d-1gb"), 1}}, now);
    CHECK(p.before.expired);
    CHECK(p.before.data_left_mb == 920);
    CHECK_FALSE(p.after.expired);
    CHECK(jst(p.after.expires_at) == "2026-11-28T23:59:59+09:00");  // today is day 1
    CHECK(p.after.data_total_mb == 1024 + 3072);                     // the old 920 MB lapsed
    CHECK(p.after.data_left_mb == 1024 + 3072);
    REQUIRE(p.lines.size() == 2);
    CHECK(p.lines[0].plan_id == "sakura-1d-1gb");
    CHECK(p.lines[0].starts_at == now);
    CHECK(p.lines[1].plan_id == "sakura-pack-3gb");
    CHECK(p.lines[1].ends_at == p.after.expires_at);
    CHECK(note_ids(p) == std::vector<std::string>{"status.preview.expired_restart"});
    CHECK(p.notes[0].arg("date") == "Thu 26 Nov");
    // A rolling plan on an expired card: 24-hour periods from now.
    CardStatus esim = sim_status(at("2026-11-23T03:00:00Z"), 10240, 100);
    esim.card = CardKind::esim;
    esim.operator_id = "kumo-esim";
    esim.product_id = "kumo-japan-esim";
    const RenewalPreview r = preview_ok(esim, {{&plan("kumo-7d-10gb"), 1}}, at("2026-11-25T10:20:30Z"));
    CHECK(format_iso8601_utc(r.after.expires_at) == "2026-12-02T10:20:30Z");
    // A pack alone cannot revive an expired card.
    auto refused = preview_renewal(s, std::vector<PlanQuantity>{{&plan("sakura-pack-3gb"), 1}}, now);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.problem().message_id == "status.preview.pack_needs_days");
    check_message(refused.problem());
}

TEST_CASE("status preview: rolling 24-hour plans follow on; replace starts now and drops what is left") {
    CardStatus s = sim_status(at("2026-11-23T03:00:00Z"), 10240, 4000);
    s.card = CardKind::esim;
    s.operator_id = "kumo-esim";
    s.product_id = "kumo-japan-esim";
    s.validity = ValidityRule::rolling_24h;
    const UnixSeconds now = at("2026-11-22T00:00:00Z");

    RenewalPreview p = preview_ok(s, {{&plan("kumo-7d-10gb"), 1}}, now);
    CHECK(format_iso8601_utc(p.lines[0].starts_at) == "2026-11-23T03:00:00Z");
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-11-30T03:00:00Z");
    CHECK(p.after.data_left_mb == 6240 + 10240);

    p = preview_ok(s, {{&plan("kumo-30d-50gb"), 1}}, now);
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-12-22T00:00:00Z");
    CHECK(p.after.data_total_mb == 51200);
    CHECK(p.after.data_left_mb == 51200);
    CHECK(p.lines[0].starts_at == now);
    CHECK(p.lines[0].message.message_id == "status.preview.line.replace");
    REQUIRE(p.notes.size() == 1);
    CHECK(p.notes[0].message_id == "status.preview.replace_discards");
    CHECK(p.notes[0].arg("left_mb") == "6240");
    CHECK(p.notes[0].arg("date") == "Mon 23 Nov");
    CHECK(p.notes[0].arg("time") == "12:00");

    // A replace that comes second drops what the first one added, too.
    p = preview_ok(s, {{&plan("kumo-7d-10gb"), 1}, {&plan("kumo-30d-50gb"), 1}}, now);
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-12-22T00:00:00Z");
    CHECK(p.after.data_left_mb == 51200);
    CHECK(p.notes[0].arg("left_mb") == "16480");
    // On an expired card there is nothing to replace.
    p = preview_ok(s, {{&plan("kumo-30d-50gb"), 1}}, at("2026-11-24T00:00:00Z"));
    CHECK(p.lines[0].message.message_id == "status.preview.line.days");
    CHECK(note_ids(p) == std::vector<std::string>{"status.preview.expired_restart"});
}

TEST_CASE("status preview: unlimited plans give unlimited windows") {
    CardStatus s = sim_status(at("2026-11-23T03:00:00Z"), 10240, 4000);
    s.card = CardKind::esim;
    s.operator_id = "kumo-esim";
    s.product_id = "kumo-japan-esim";
    const UnixSeconds now = at("2026-11-22T00:00:00Z");
    // Capped now, unlimited for 3 days after.
    RenewalPreview p = preview_ok(s, {{&plan("kumo-3d-unl"), 1}}, now);
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-11-26T03:00:00Z");
    CHECK_FALSE(p.after.unlimited);
    CHECK(p.after.data_left_mb == 6240);
    REQUIRE(p.after.unlimited_windows.size() == 1);
    CHECK(format_iso8601_utc(p.after.unlimited_windows[0].from) == "2026-11-23T03:00:00Z");
    CHECK(format_iso8601_utc(p.after.unlimited_windows[0].until) == "2026-11-26T03:00:00Z");
    CHECK(p.lines[0].message.message_id == "status.preview.line.days_unlimited");
    CHECK(p.lines[0].data_added_mb == 0);
    CHECK(p.lines[0].unlimited);
    // An unlimited card stays unlimited through the new expiry: the windows join.
    s.unlimited = true;
    s.data_total_mb = 0;
    p = preview_ok(s, {{&plan("kumo-3d-unl"), 2}}, now);
    CHECK(p.before.unlimited);
    CHECK(p.after.unlimited);
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-11-29T03:00:00Z");
    REQUIRE(p.after.unlimited_windows.size() == 1);
    CHECK(p.after.unlimited_windows[0] == UnlimitedWindow{now, p.after.expires_at});
    // Unlimited, then capped, then unlimited again: two windows.
    p = preview_ok(s, {{&plan("kumo-7d-10gb"), 1}, {&plan("kumo-3d-unl"), 1}}, now);
    CHECK_FALSE(p.after.unlimited);
    CHECK(p.after.data_left_mb == 10240);
    REQUIRE(p.after.unlimited_windows.size() == 2);
    CHECK(p.after.unlimited_windows[0].until == s.expires_at);
    CHECK(format_iso8601_utc(p.after.unlimited_windows[1].from) == "2026-11-30T03:00:00Z");
    // A pack on a card unlimited until it expires is useless: said in a note.
    CardStatus hikari = sim_status(at("2026-11-26T23:59:59+09:00"), 0, 9000);
    hikari.operator_id = "hikari-data";
    hikari.product_id = "hikari-prepaid-sim";
    hikari.unlimited = true;
    p = preview_ok(hikari, {{&plan("hikari-pack-1gb"), 1}}, now);
    CHECK(note_ids(p) == std::vector<std::string>{"status.preview.pack_on_unlimited"});
    CHECK(p.notes[0].arg("data_mb") == "1024");
    // Capped Hikari card, unlimited month after it (calendar days).
    hikari.unlimited = false;
    hikari.data_total_mb = 10240;
    p = preview_ok(hikari, {{&plan("hikari-30d-unl"), 1}}, now);
    CHECK(jst(p.after.expires_at) == "2026-12-26T23:59:59+09:00");
    REQUIRE(p.after.unlimited_windows.size() == 1);
    CHECK(jst(p.after.unlimited_windows[0].from) == "2026-11-27T00:00:00+09:00");
    CHECK(p.after.data_left_mb == 1240);
}

TEST_CASE("status preview: add with starts now runs alongside; the later expiry wins") {
    CardStatus s = sim_status(at("2026-11-26T23:59:59+09:00"), 5120, 1000);
    Plan now_pass = plan("sakura-1d-1gb");
    now_pass.id = "now-pass";
    now_pass.starts = StartRule::now;
    now_pass.days = 2;
    const UnixSeconds now = at("2026-11-20T12:00:00+09:00");
    RenewalPreview p = preview_ok(s, {{&now_pass, 1}}, now);
    CHECK(p.after.expires_at == s.expires_at);  // 2 days from now end before the current expiry
    CHECK(jst(p.lines[0].ends_at) == "2026-11-21T23:59:59+09:00");
    CHECK(p.after.data_left_mb == 4120 + 1024);
    p = preview_ok(s, {{&now_pass, 5}}, now);  // 10 days from now
    CHECK(jst(p.after.expires_at) == "2026-11-29T23:59:59+09:00");
    // replace with after_current behaves as add.
    Plan odd = plan("sakura-7d-5gb");
    odd.stacking = Stacking::replace;
    p = preview_ok(s, {{&odd, 1}}, now);
    CHECK(jst(p.after.expires_at) == "2026-12-03T23:59:59+09:00");
    CHECK(p.after.data_left_mb == 4120 + 5120);
    CHECK(p.notes.empty());
}

TEST_CASE("status preview: wifi extensions move the return date") {
    const CardStatus s = parsed(wifi_json());  // return 2026-11-30
    RenewalPreview p = preview_ok(s, {{&plan("tabi-wifi-ext-3d"), 1}}, at("2026-11-25T00:00:00Z"));
    CHECK(p.before.rental_return_date == CivilDate{2026, 11, 30});
    CHECK(p.after.rental_return_date == CivilDate{2026, 12, 3});
    CHECK(format_iso8601_utc(p.after.expires_at) == "2026-12-03T14:59:59Z");
    CHECK(p.after.unlimited);
    CHECK(p.notes.empty());
    REQUIRE(p.lines.size() == 1);
    CHECK(p.lines[0].message.message_id == "status.preview.line.extension");
    CHECK(p.lines[0].return_date_before == CivilDate{2026, 11, 30});
    CHECK(p.lines[0].return_date_after == CivilDate{2026, 12, 3});
    CHECK(jst(p.lines[0].starts_at) == "2026-12-01T00:00:00+09:00");
    // Two extensions of 3 days, and one more day: 7 days later.
    p = preview_ok(s, {{&plan("tabi-wifi-ext-3d"), 2}, {&plan("tabi-wifi-ext-1d"), 1}}, at("2026-11-25T00:00:00Z"));
    CHECK(p.after.rental_return_date == CivilDate{2026, 12, 7});
    CHECK(p.lines[1].return_date_before == CivilDate{2026, 12, 6});
    // Across the year end.
    CardStatus late_dec = s;
    late_dec.rental_return_date = CivilDate{2026, 12, 30};
    late_dec.expires_at = rental_end({2026, 12, 30});
    p = preview_ok(late_dec, {{&plan("tabi-wifi-ext-7d"), 1}}, at("2026-12-20T00:00:00Z"));
    CHECK(p.after.rental_return_date == CivilDate{2027, 1, 6});
    // Less than 48 hours before the rental ends: a note.
    p = preview_ok(s, {{&plan("tabi-wifi-ext-1d"), 1}}, at("2026-11-29T00:00:00+09:00"));
    CHECK(note_ids(p) == std::vector<std::string>{"status.preview.notice_passed"});
    CHECK(p.notes[0].arg("hours") == "48");
    CHECK(p.notes[0].arg("date") == "Mon 30 Nov");
    CHECK(preview_ok(s, {{&plan("tabi-wifi-ext-1d"), 1}}, at("2026-11-28T23:59:59+09:00")).notes.empty());
    // Overdue: from today in Japan, today being day 1.
    p = preview_ok(s, {{&plan("tabi-wifi-ext-1d"), 1}}, at("2026-12-01T12:00:00+09:00"));
    CHECK(p.after.rental_return_date == CivilDate{2026, 12, 1});
    CHECK(jst(p.after.expires_at) == "2026-12-01T23:59:59+09:00");
    CHECK(note_ids(p) == std::vector<std::string>{"status.preview.expired_restart"});
    p = preview_ok(s, {{&plan("tabi-wifi-ext-3d"), 1}}, at("2026-12-01T12:00:00+09:00"));
    CHECK(p.after.rental_return_date == CivilDate{2026, 12, 3});
}

TEST_CASE("status preview: refusals") {
    const CardStatus s = parsed(sim_json());
    const UnixSeconds now = at("2026-11-24T03:00:00Z");
    auto refused = [&](std::vector<PlanQuantity> items) {
        auto r = preview_renewal(s, items, now);
        REQUIRE_FALSE(r.ok());
        check_message(r.problem());
        return r.problem();
    };
    CHECK(refused({}).message_id == "status.preview.empty");
    Problem p = refused({{&plan("sakura-1d-1gb"), 1}, {nullptr, 1}});
    CHECK(p.message_id == "status.preview.missing_plan");
    CHECK(p.arg("item") == "2");
    CHECK(refused({{&plan("sakura-1d-1gb"), 0}}).message_id == "status.preview.bad_quantity");
    CHECK(refused({{&plan("sakura-1d-1gb"), 100}}).message_id == "status.preview.bad_quantity");
    p = refused({{&plan("kumo-7d-10gb"), 1}});
    CHECK(p.message_id == "status.preview.wrong_card");
    CHECK(p.arg("plan_card") == "esim");
    p = refused({{&plan("hikari-10d-10gb"), 1}});
    CHECK(p.message_id == "status.preview.wrong_product");
    CHECK(p.arg("plan_product") == "hikari-prepaid-sim");
    Plan broken = plan("sakura-1d-1gb");
    broken.days = -1;
    CHECK(refused({{&broken, 1}}).message_id == "status.preview.bad_plan");
    broken = plan("sakura-1d-1gb");
    broken.data.mb = -5;
    CHECK(refused({{&broken, 1}}).message_id == "status.preview.bad_plan");
    broken = plan("sakura-1d-1gb");
    broken.days = 0;  // a day pass without days
    CHECK(refused({{&broken, 1}}).message_id == "status.preview.bad_plan");
    broken = plan("sakura-1d-1gb");
    broken.kind = PlanKind::rental_extension;
    CHECK(refused({{&broken, 1}}).message_id == "status.preview.bad_plan");
    // Far beyond year 9999.
    Plan decade = plan("sakura-30d-20gb");
    decade.days = 3650;
    std::vector<PlanQuantity> many(30, PlanQuantity{&decade, 99});
    CHECK(refused(many).message_id == "status.preview.too_large");
    auto late = preview_renewal(s, std::vector<PlanQuantity>{{&plan("sakura-1d-1gb"), 1}},
                                std::numeric_limits<UnixSeconds>::max());
    REQUIRE_FALSE(late.ok());
    CHECK(late.problem().message_id == "status.preview.too_large");
    // A day pass on a wifi rental.
    const CardStatus wifi = parsed(wifi_json());
    Plan wifi_day = plan("sakura-1d-1gb");
    wifi_day.card = CardKind::wifi;
    wifi_day.product_id = "tabi-pocket-wifi";
    auto r = preview_renewal(wifi, std::vector<PlanQuantity>{{&wifi_day, 1}}, now);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().message_id == "status.preview.bad_plan");
}

// ---------------------------------------------------------------------------------------------------------------
// Pocket WiFi: extend or pay the late fee

TEST_CASE("status: extension price against the late fee") {
    const CardStatus s = parsed(wifi_json());  // no late fee of its own: the plan's 1650 JPY a day
    auto c = compare_extension_to_late_fee(s, plan("tabi-wifi-ext-3d"));
    REQUIRE(c.ok());
    CHECK(c->days == 3);
    CHECK(c->extension_price == Money{2640, "JPY"});
    CHECK(c->late_fee == Money{4950, "JPY"});
    CHECK(c->difference == Money{2310, "JPY"});
    CHECK(c->cheaper == CheaperOption::extension);
    CHECK(c->message.message_id == "status.late_fee.extension_cheaper");
    CHECK(c->message.args[2].value == "¥2,640");
    check_message(c->message.message_id, c->message.args);

    c = compare_extension_to_late_fee(s, plan("tabi-wifi-ext-1d"));
    REQUIRE(c.ok());
    CHECK(c->late_fee == Money{1650, "JPY"});
    CHECK(c->difference == Money{660, "JPY"});
    CHECK(c->message.message_id == "status.late_fee.extension_cheaper.one");
    check_message(c->message.message_id, c->message.args);

    // The status's own fee wins over the plan's.
    CardStatus cheap_fee = s;
    cheap_fee.late_fee_per_day = Money{500, "JPY"};
    c = compare_extension_to_late_fee(cheap_fee, plan("tabi-wifi-ext-3d"));
    REQUIRE(c.ok());
    CHECK(c->late_fee == Money{1500, "JPY"});
    CHECK(c->cheaper == CheaperOption::late_fee);
    CHECK(c->difference == Money{1140, "JPY"});
    CHECK(c->message.message_id == "status.late_fee.late_fee_cheaper");
    check_message(c->message.message_id, c->message.args);

    Plan even = plan("tabi-wifi-ext-3d");
    even.price = Money{4950, "JPY"};
    c = compare_extension_to_late_fee(s, even);
    REQUIRE(c.ok());
    CHECK(c->cheaper == CheaperOption::same);
    CHECK(c->difference == Money{0, "JPY"});
    CHECK(c->message.message_id == "status.late_fee.same");
    check_message(c->message.message_id, c->message.args);

    // Formatted for the locale.
    c = compare_extension_to_late_fee(s, plan("tabi-wifi-ext-3d"), "ja");
    REQUIRE(c.ok());
    CHECK_FALSE(c->message.args[2].value.empty());
}

TEST_CASE("status: extension against late fee refusals") {
    const CardStatus s = parsed(wifi_json());
    auto r = compare_extension_to_late_fee(s, plan("sakura-7d-5gb"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().message_id == "status.late_fee.not_extension");
    check_message(r.problem());
    Plan no_fee = plan("tabi-wifi-ext-3d");
    no_fee.late_fee_per_day.reset();
    r = compare_extension_to_late_fee(s, no_fee);
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().message_id == "status.late_fee.unknown");
    check_message(r.problem());
    CardStatus usd = s;
    usd.late_fee_per_day = Money{1500, "USD"};
    r = compare_extension_to_late_fee(usd, plan("tabi-wifi-ext-3d"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().message_id == "status.late_fee.currency_mismatch");
    CHECK(r.problem().arg("fee_currency") == "USD");
    check_message(r.problem());
    CardStatus huge = s;
    huge.late_fee_per_day = Money{std::numeric_limits<std::int64_t>::max() / 2, "JPY"};
    r = compare_extension_to_late_fee(huge, plan("tabi-wifi-ext-3d"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.problem().message_id == "money.overflow");
}

TEST_CASE("status: message ids") {
    std::set<std::string_view> seen;
    for (std::string_view id : status_message_ids()) {
        CHECK(id.starts_with("status."));
        CHECK(seen.insert(id).second);
        CHECK_FALSE(status_message_template(id).empty());
        // Templates have only well-formed {name} placeholders.
        const std::string_view text = status_message_template(id);
        int depth = 0;
        for (char ch : text) {
            if (ch == '{') ++depth;
            if (ch == '}') --depth;
            CHECK(depth >= 0);
            CHECK(depth <= 1);
        }
        CHECK(depth == 0);
    }
    CHECK(status_message_template("status.nothing").empty());
    // Each ".one" form has its general form.
    for (std::string_view id : status_message_ids())
        if (id.ends_with(".one")) CHECK(seen.count(id.substr(0, id.size() - 4)) == 1);
}

TEST_CASE("status: dates in warnings and the forecast are written as the traveller's language writes them") {
    const UnixSeconds expiry = at("2026-11-26T14:59:59Z");  // Thu 26 Nov 23:59:59 JST
    const CardStatus s = sim_status(expiry, 5120, 100);
    const UnixSeconds now = expiry - 2 * 86'400;
    const struct {
        Locale locale;
        const char* date;
    } cases[] = {{Locale::en, "Thu 26 Nov"},
                 {Locale::ja, "11月26日(木)"},
                 {Locale::zh_Hans, "11月26日 周四"},
                 {Locale::zh_Hant, "11月26日 週四"},
                 {Locale::ko, "11월 26일 (목)"}};
    for (const auto& c : cases) {
        CAPTURE(locale_tag(c.locale));
        const auto w = status_warnings(s, no_plans(), now, c.locale);
        REQUIRE(w.size() == 1);
        CHECK(w[0].arg("date") == c.date);
        CHECK(w[0].arg("time") == "23:59");
        CHECK(render(c.locale, w[0]).find(c.date) != std::string::npos);
    }
    // A date in another year than now shows its year.
    const auto late = status_warnings(sim_status(at("2027-01-01T14:59:59Z"), 5120, 100), no_plans(),
                                      at("2026-12-30T00:00:00Z"), Locale::ja);
    REQUIRE(late.size() == 1);
    CHECK(late[0].arg("date") == "2027年1月1日(金)");
    // The forecast's date too.
    const CardStatus base = parsed(sim_json());
    const DataForecast f = forecast_data(base, at("2026-11-23T01:00:00Z"), Locale::zh_Hans);
    REQUIRE(f.available);
    CHECK(f.runs_out_date == CivilDate{2026, 11, 24});
    CHECK(f.message.args[1].name == "date");
    CHECK(f.message.args[1].value == "11月24日 周二");
}
