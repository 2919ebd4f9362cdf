// The headless core API: JSON in, JSON out, every bad call answered with an error object.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/core_api.h"
#include "core/messages.h"

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
