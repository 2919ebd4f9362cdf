// The headless core API: JSON in, JSON out, every bad call answered with an error object.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/core_api.h"
#include "core/messages.h"
#include "core/money.h"

using json = nlohmann::json;
using tabi::call_core_api;

namespace {
json call(std::string_view method, const json& input) { return json::parse(call_core_api(method, input.dump())); }
}  // namespace

TEST_CASE("core api: checkCatalog reports errors with JSON pointers") {
    const json ok = json::parse(call_core_api("checkCatalog", std::string(tabi::sample_catalog_json())));
    CHECK(ok["ok"] == true);
    CHECK(ok["plans"] == 15);
    const json bad = json::parse(call_core_api("checkCatalog", R"({"version": 2})"));
    CHECK(bad["ok"] == false);
    CHECK_FALSE(bad["errors"].empty());
}

TEST_CASE("core api: identify") {
    const json r = call("identify", {{"text", "8981 1000 1234 5678 905"}});
    CHECK(r["kind"] == "iccid");
    CHECK(r["acceptable"] == true);
    CHECK(r["card"] == "sim");
    CHECK(r["masked"].get<std::string>().find("8981") == std::string::npos);
    CHECK(call("identify", {{"text", "TW-20261128"}})["card"] == "wifi");
    CHECK(call("identify", {{"nope", 1}})["error"]["id"] == "api.bad_request");
}

TEST_CASE("core api: compare in the traveller's currency, sorted") {
    const json r = call("compare", {{"query", {{"product", "sakura-visitor-sim"}, {"currency", "USD"}, {"sortBy", "price_per_day"}}}});
    REQUIRE(r.contains("rows"));
    CHECK(r["rows"].size() == 4);
    CHECK(r["rows"][0]["shownPrice"]["currency"] == "USD");
    CHECK(r["rows"][0]["price"]["currency"] == "JPY");
    CHECK(r["rows"][0]["price"]["minor"].is_number_integer());
    CHECK(r["rate"]["to"] == "USD");
    CHECK(call("compare", {{"query", {{"sortBy", "colour"}}}})["error"]["id"] == "api.bad_request");
    CHECK(call("compare", {{"query", {{"product", "nope"}}}})["error"]["id"] == "compare.unknown_product");
}

TEST_CASE("core api: recommend with reasons; bad input is an error object") {
    const json r = call("recommend", {{"query", {{"product", "sakura-visitor-sim"}, {"tripDays", 10}, {"mbPerDay", 500}}}});
    CHECK(r["status"] == "recommended");
    CHECK(r["best"]["total"]["minor"].is_number_integer());
    CHECK_FALSE(r["best"]["reason"]["text"].get<std::string>().empty());
    CHECK(r["alternatives"].size() <= 3);
    CHECK(call("recommend", {{"query", {{"tripDays", 10}}}})["error"]["id"] == "api.bad_request");
    CHECK(call("recommend", {{"catalog", {{"version", 1}}}, {"query", {{"tripDays", 1}, {"mbPerDay", 1}}}})["error"]["id"] == "api.bad_catalog");
    CHECK(json::parse(call_core_api("recommend", "{not json"))["error"]["id"] == "api.not_json");
    CHECK(json::parse(call_core_api("launch", "{}"))["error"]["id"] == "api.unknown_method");
}

TEST_CASE("core api: answers in the query's locale, plan names included; installMessages checks what it gets") {
    // Natively every catalogue is embedded; installing one that is there keeps it and answers ok, as the
    // bridge's install of a locale pack does in the wasm.
    const json installed =
        call("installMessages", {{"locale", "ja"}, {"messages", std::string(tabi::messages_json(tabi::Locale::ja))}});
    CHECK(installed["ok"] == true);
    const json r = call("recommend", {{"query", {{"product", "kumo-japan-esim"}, {"tripDays", 3}, {"mbPerDay", 4000},
                                                 {"locale", "ja"}}}});
    REQUIRE(r["status"] == "recommended");
    CHECK(r["best"]["items"][0]["name"] == "3日間 · 無制限");
    const std::string reason = r["best"]["reason"]["text"];
    CHECK(reason.find("。") != std::string::npos);  // a Japanese sentence
    CHECK(reason.find("￥") != std::string::npos);  // with the amount formatted for ja
    CHECK(r["best"]["reason"]["text"] != call("recommend", {{"query", {{"product", "kumo-japan-esim"}, {"tripDays", 3},
                                                                         {"mbPerDay", 4000}}}})["best"]["reason"]["text"]);
    const json rows = call("compare", {{"query", {{"product", "kumo-japan-esim"}, {"locale", "zh-Hant"}}}})["rows"];
    CHECK(std::any_of(rows.begin(), rows.end(), [](const json& row) { return row["name"] == "3 天 · 無限流量"; }));

    CHECK(call("installMessages", {{"locale", "fr"}, {"messages", "{}"}})["error"]["id"] == "api.bad_request");
    CHECK(call("installMessages", {{"locale", "zh-TW"}, {"messages", "{}"}})["error"]["id"] == "api.bad_request");
    CHECK(call("installMessages", {{"locale", "ko"}})["error"]["id"] == "api.bad_request");
}

TEST_CASE("core api: order gives the host order; every bad part is named") {
    const std::string entropy = "0123456789abcdef0123456789abcdef0123456789";
    const json request = {{"selection", json::array({{{"planId", "sakura-7d-5gb"}, {"quantity", 2}}})},
                          {"card", "8981 1000 1234 5678 905"},
                          {"now", 1'795'000'000},
                          {"entropy", entropy}};
    const json r = call("order", request);
    REQUIRE(r.contains("order"));
    const json& o = r["order"];
    CHECK(o["orderId"].get<std::string>().starts_with("TR-"));
    CHECK(o["idempotencyKey"].get<std::string>().size() == 36);
    CHECK(o["items"].size() == 1);
    CHECK(o["items"][0]["quantity"] == 2);
    CHECK(o["total"]["currency"] == "JPY");
    CHECK(o["total"]["minor"] == 3960);
    CHECK(o["total"]["value"] == "3960");
    CHECK(o["card"]["kind"] == "sim");
    CHECK(o["card"]["maskedId"] == "••• •••• •••• •••• 8905");  // the last four together
    CHECK(o["paymentRequest"]["total"]["amount"]["currency"] == "JPY");
    CHECK(o["paymentRequest"]["total"]["amount"]["value"] == "3960");
    CHECK(r.dump().find("8981100012345678905") == std::string::npos);  // never the identifier itself
    CHECK(call("order", request) == r);  // the same entropy and time: the same order

    auto with = [&](const char* key, json value) {
        json q = request;
        q[key] = std::move(value);
        return call("order", q)["error"];
    };
    CHECK(with("selection", json::array())["id"] == "api.bad_request");
    CHECK(with("selection", json::array({{{"planId", "nope"}, {"quantity", 1}}}))["id"] == "api.unknown_plan");
    CHECK(with("selection", json::array({{{"planId", "nope"}, {"quantity", 1}}}))["message"].get<std::string>().find("\"nope\"") !=
          std::string::npos);
    CHECK(with("selection", json::array({{{"planId", "sakura-7d-5gb"}, {"quantity", 0}}}))["id"] == "api.bad_quantity");
    CHECK(with("selection", json::array({{{"planId", "sakura-7d-5gb"}, {"quantity", 1}}, {{"planId", "sakura-7d-5gb"}, {"quantity", 1}}}))["id"] ==
          "api.bad_request");
    CHECK(with("selection", json::array({{{"planId", "kumo-3d-unl"}, {"quantity", 1}}}))["id"] == "api.wrong_card");
    CHECK(with("card", "8981 1000 12")["id"] == "api.bad_card");  // too short to be any card
    CHECK_FALSE(with("card", "8981 1000 12")["problems"].empty());
    CHECK(with("card", 42)["id"] == "api.bad_request");
    CHECK(with("entropy", "00")["id"] == "api.bad_request");
    CHECK(with("now", "soon")["id"] == "api.bad_request");
}

TEST_CASE("core api: recommend shows totals in the query's currency with the catalogue's rate") {
    const json q = {{"product", "sakura-visitor-sim"}, {"tripDays", 10}, {"mbPerDay", 500}};
    json usd = q;
    usd["currency"] = "USD";
    const json r = call("recommend", {{"query", usd}});
    REQUIRE(r["status"] == "recommended");
    const json& best = r["best"];
    CHECK(best["total"]["currency"] == "JPY");  // what is charged
    CHECK(best["shownTotal"]["currency"] == "USD");
    CHECK(r["rate"]["from"] == "JPY");
    CHECK(r["rate"]["to"] == "USD");
    CHECK(r["rate"]["rate"] == "0.00647");
    CHECK(r["rate"]["asOf"] == "2026-11-20");
    // Converted exactly as compare() converts a price (money.h's convert, one rounding).
    const tabi::CatalogLoad load = tabi::load_catalog(tabi::sample_catalog_json());
    REQUIRE(load.catalog);
    const tabi::ExchangeRate* rate = load.catalog->exchange_rates.find("USD");
    REQUIRE(rate);
    const auto expected = tabi::convert(tabi::Money{best["total"]["minor"].get<std::int64_t>(), "JPY"}, *rate);
    REQUIRE(expected.ok());
    CHECK(best["shownTotal"]["minor"] == expected->minor);
    for (const json& alt : r["alternatives"]) CHECK(alt["shownTotal"]["currency"] == "USD");
    CHECK(r["notes"].empty());
    // No currency, or the charge's own: totals as they are, no rate.
    const json plain = call("recommend", {{"query", q}});
    CHECK(plain["best"]["shownTotal"] == plain["best"]["total"]);
    CHECK(plain["rate"].is_null());
    // A currency the catalogue has no rate for: shown as charged, with a note; an unknown code is an error.
    json chf = q;
    chf["currency"] = "CHF";
    const json no_rate = call("recommend", {{"query", chf}});
    CHECK(no_rate["best"]["shownTotal"]["currency"] == "JPY");
    REQUIRE(no_rate["notes"].size() == 1);
    CHECK(no_rate["notes"][0]["id"] == "compare.no_rate");
    json bad = q;
    bad["currency"] = "XQQ";
    CHECK(call("recommend", {{"query", bad}})["error"]["id"] == "compare.unknown_currency");
}
