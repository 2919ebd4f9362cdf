// The headless core API: JSON in, JSON out, every bad call answered with an error object.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/core_api.h"

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
