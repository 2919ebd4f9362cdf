#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/json_syntax.h"

#ifdef TABI_SOURCE_DIR
#include <fstream>
#include <sstream>
#endif

using namespace tabi;
using ojson = nlohmann::ordered_json;  // keeps member order, so edited documents keep the sample's order

namespace {

ojson sample() { return ojson::parse(sample_catalog_json()); }

CatalogLoad load(const ojson& doc) { return load_catalog(doc.dump()); }

// The sample with one edit applied.
CatalogLoad load_edited(const std::function<void(ojson&)>& edit) {
    ojson doc = sample();
    edit(doc);
    return load(doc);
}

std::string listing(const CatalogLoad& l) {
    std::string out;
    for (const auto& p : l.problems)
        out += (p.is_error() ? "E " : "W ") + describe_catalog_problem(p) + " [" + p.message_id + "]\n";
    return out;
}

// Every problem a test sees must have an English text (not the bare id) and arguments its template uses.
void check_texts(const CatalogLoad& l) {
    for (const auto& p : l.problems) {
        INFO(p.message_id);
        const std::string_view text = catalog_message_template(p.message_id);
        CHECK(!text.empty());
        for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
            const std::string name(text.substr(open + 1, text.find('}', open) - open - 1));
            CHECK_MESSAGE(std::any_of(p.args.begin(), p.args.end(), [&](const MessageArg& a) { return a.name == name; }),
                          "missing arg ", name);
        }
    }
}

// The load has exactly one problem: return it.
Problem only_problem(const CatalogLoad& l) {
    INFO(listing(l));
    check_texts(l);
    REQUIRE(l.problems.size() == 1);
    return l.problems.front();
}

void check_problem(const Problem& p, std::string_view where, std::string_view id, Severity severity = Severity::error) {
    CHECK(p.where == where);
    CHECK(p.message_id == id);
    CHECK(p.severity == severity);
}

// The single error of a load, which must not yield a catalogue.
Problem only_error(const CatalogLoad& l) {
    const Problem p = only_problem(l);
    CHECK(p.is_error());
    CHECK_FALSE(l.catalog.has_value());
    return p;
}

// The single warning of a load, which must still yield a catalogue.
Problem only_warning(const CatalogLoad& l) {
    const Problem p = only_problem(l);
    CHECK(p.severity == Severity::warning);
    CHECK(l.catalog.has_value());
    return p;
}

ojson& plan(ojson& doc, std::size_t product, std::size_t index) { return doc["products"][product]["plans"][index]; }

}  // namespace

TEST_CASE("the sample catalogue loads without errors or warnings") {
    const CatalogLoad load = load_catalog(sample_catalog_json());
    INFO(listing(load));
    REQUIRE(load.catalog.has_value());
    CHECK(load.problems.empty());
    CHECK(load.error_count() == 0);
    CHECK(load.catalog->plans.size() == 15);
    CHECK(load.catalog->operators.size() == 4);
}

TEST_CASE("the sample's values arrive in the model") {
    const CatalogLoad load = load_catalog(sample_catalog_json());
    REQUIRE(load.catalog.has_value());
    const Catalog& cat = *load.catalog;
    CHECK(cat.version == 1);

    const Operator* sakura = cat.find_operator("sakura-mobile-jp");
    REQUIRE(sakura != nullptr);
    CHECK(sakura->hours.open_minute == 9 * 60);
    CHECK(sakura->hours.close_minute == 21 * 60);
    CHECK(sakura->hours.days == "daily");
    CHECK(sakura->order_pattern.empty());
    CHECK(cat.find_operator("kumo-esim")->hours.close_minute == 24 * 60);
    CHECK(cat.find_operator("hikari-data")->hours.days == "weekdays");
    CHECK(cat.find_operator("tabi-wifi")->order_pattern == "TW-########");
    CHECK(cat.find_operator("nobody") == nullptr);

    const Plan* unl = cat.find_plan("kumo-3d-unl");
    REQUIRE(unl != nullptr);
    CHECK(unl->card == CardKind::esim);
    CHECK(unl->operator_id == "kumo-esim");
    CHECK(unl->product_id == "kumo-japan-esim");
    CHECK(unl->product_name == "Kumo Japan eSIM");
    CHECK(unl->data.unlimited);
    CHECK(unl->data.mb == 0);
    CHECK(unl->data.fair_use_mb_per_day == 2048);
    CHECK(unl->validity == ValidityRule::rolling_24h);  // from the product
    CHECK(unl->networks == std::vector<std::string>{"softbank", "docomo"});
    CHECK(unl->price == Money{1650, "JPY"});

    const Plan* month = cat.find_plan("kumo-30d-50gb");
    REQUIRE(month != nullptr);
    CHECK(month->kind == PlanKind::monthly);
    CHECK(month->stacking == Stacking::replace);
    CHECK(month->starts == StartRule::now);
    CHECK(month->refund.policy == RefundPolicy::before_activation);
    CHECK(month->refund.within_days == 30);

    const Plan* pack = cat.find_plan("sakura-pack-3gb");
    REQUIRE(pack != nullptr);
    CHECK(pack->kind == PlanKind::data_pack);
    CHECK(pack->days == 0);
    CHECK(pack->data.mb == 3072);

    const Plan* ext = cat.find_plan("tabi-wifi-ext-3d");
    REQUIRE(ext != nullptr);
    CHECK(ext->card == CardKind::wifi);
    CHECK(ext->kind == PlanKind::rental_extension);
    REQUIRE(ext->late_fee_per_day.has_value());
    CHECK(*ext->late_fee_per_day == Money{1650, "JPY"});
    CHECK(ext->extension_notice_hours == 48);
    CHECK(cat.find_plan("sakura-1d-1gb")->late_fee_per_day == std::nullopt);

    CHECK(cat.payment_methods.size() == 6);
    CHECK(cat.exchange_rates.base == "JPY");
    CHECK(cat.exchange_rates.as_of == "2026-11-20");
    const ExchangeRate* usd = cat.exchange_rates.find("USD");
    REQUIRE(usd != nullptr);
    CHECK(usd->from == "JPY");
    CHECK(usd->numerator == 647);
    CHECK(usd->scale == 5);
    CHECK(rate_to_string(*usd) == "0.00647");
    CHECK(usd->as_of == "2026-11-20");
    CHECK(cat.exchange_rates.find("GBP") == nullptr);

    REQUIRE(cat.devices.size() == 10);
    CHECK(cat.devices[0].brand == "Apple");
    CHECK(cat.devices[0].esim);
    CHECK(cat.devices[3].model == "iPhone XR");
    CHECK(cat.devices[3].nr_bands.empty());
    CHECK(std::is_sorted(cat.devices[0].lte_bands.begin(), cat.devices[0].lte_bands.end()));
    CHECK_FALSE(cat.devices[8].esim);
}

TEST_CASE("text that is not JSON gives one problem with the byte offset, line and column") {
    SUBCASE("a trailing comma") {
        const Problem p = only_error(load_catalog(R"({"version": 1,})"));
        check_problem(p, "", "catalog.not_json");
        CHECK(p.arg("offset") == "14");  // the '}' where a member name was expected
        CHECK(p.arg("line") == "1");
        CHECK(p.arg("column") == "15");
        CHECK(p.arg("reason").find("unexpected '}'") != std::string::npos);
        CHECK(describe_catalog_problem(p).rfind("(document): not valid JSON at line 1, column 15 (byte 14): ", 0) == 0);
    }
    SUBCASE("a bad literal on the third line") {
        const Problem p = only_error(load_catalog("{\n  \"version\": 1,\n  \"name\": tru\n}"));
        CHECK(p.arg("offset") == "31");
        CHECK(p.arg("line") == "3");
        CHECK(p.arg("column") == "14");
    }
    SUBCASE("empty text") {
        const Problem p = only_error(load_catalog(""));
        check_problem(p, "", "catalog.not_json");
        CHECK(p.arg("offset") == "0");
    }
    SUBCASE("cut short") {
        const std::string text(sample_catalog_json().substr(0, 200));
        const Problem p = only_error(load_catalog(text));
        CHECK(p.arg("offset") == std::to_string(text.size()));
    }
    SUBCASE("invalid UTF-8 is not copied into the reason") {
        const Problem p = only_error(load_catalog("{\"name\": \"\xff\xfe\"}"));
        CHECK(p.arg("offset") == "10");
        // The reason quotes the input; it must stay valid UTF-8 so it can travel in a JSON event.
        CHECK_NOTHROW((void)ojson(p.arg("reason")).dump());
        CHECK_NOTHROW((void)ojson(describe_catalog_problem(p)).dump());
    }
    SUBCASE("a very long bad token is cut short in the reason") {
        const std::string text = "{\"name\": \"" + std::string(5000, 'a') + "\x01\"}";
        const Problem p = only_error(load_catalog(text));
        CHECK(p.arg("reason").size() < 300);
    }
}

TEST_CASE("a root that is not an object") {
    for (const char* text : {"[]", "42", "null", "\"catalogue\"", "true"}) {
        CAPTURE(text);
        const Problem p = only_error(load_catalog(text));
        check_problem(p, "", "catalog.wrong_type");
        CHECK(p.arg("expected") == "object");
    }
    CHECK(only_error(load_catalog("[]")).arg("found") == "array");
    CHECK(describe_catalog_problem(only_error(load_catalog("[]"))) == "(document): must be object (found array)");
}

TEST_CASE("wrong types name the pointer, the expected and the found type") {
    SUBCASE("a string for days") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["days"] = "7"; }));
        check_problem(p, "/products/0/plans/1/days", "catalog.wrong_type");
        CHECK(p.arg("expected") == "integer");
        CHECK(p.arg("found") == "string");
        CHECK(describe_catalog_problem(p) == "/products/0/plans/1/days: must be integer (found string)");
    }
    SUBCASE("a number for a rate") {
        const Problem p = only_error(load_edited([](ojson& d) { d["exchange_rates"]["rates"]["USD"] = 0.00647; }));
        check_problem(p, "/exchange_rates/rates/USD", "catalog.rate_not_string");
    }
    SUBCASE("an object for networks") {
        const Problem p = only_error(load_edited([](ojson& d) { d["products"][0]["networks"] = {{"docomo", true}}; }));
        check_problem(p, "/products/0/networks", "catalog.wrong_type");
        CHECK(p.arg("expected") == "array");
        CHECK(p.arg("found") == "object");
    }
    SUBCASE("an object for a plan's networks") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 1, 0)["networks"] = ojson::object(); }));
        check_problem(p, "/products/1/plans/0/networks", "catalog.wrong_type");
    }
    SUBCASE("a string for a band") {
        const Problem p = only_error(load_edited([](ojson& d) { d["devices"][2]["lte"][0] = "1"; }));
        check_problem(p, "/devices/2/lte/0", "catalog.bad_band");
        CHECK(p.arg("max") == "255");
    }
    SUBCASE("a number for a boolean") {
        const Problem p = only_error(load_edited([](ojson& d) { d["devices"][0]["esim"] = 1; }));
        check_problem(p, "/devices/0/esim", "catalog.wrong_type");
        CHECK(p.arg("expected") == "boolean");
    }
    SUBCASE("null for a name") {
        const Problem p = only_error(load_edited([](ojson& d) { d["operators"][0]["name"] = nullptr; }));
        check_problem(p, "/operators/0/name", "catalog.wrong_type");
        CHECK(p.arg("found") == "null");
    }
    SUBCASE("a plan that is not an object") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 2, 1) = "hikari-30d-unl"; }));
        check_problem(p, "/products/2/plans/1", "catalog.wrong_type");
    }
}

TEST_CASE("missing fields") {
    SUBCASE("a plan's id") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 0).erase("id"); }));
        check_problem(p, "/products/0/plans/0/id", "catalog.missing_field");
        CHECK(p.arg("field") == "id");
        CHECK(describe_catalog_problem(p) == "/products/0/plans/0/id: required field \"id\" is missing");
    }
    SUBCASE("a plan's price") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 1, 2).erase("price"); }));
        check_problem(p, "/products/1/plans/2/price", "catalog.missing_field");
    }
    SUBCASE("the price's currency") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 1, 2)["price"].erase("currency"); }));
        check_problem(p, "/products/1/plans/2/price/currency", "catalog.missing_field");
    }
    SUBCASE("the version") {
        const Problem p = only_error(load_edited([](ojson& d) { d.erase("version"); }));
        check_problem(p, "/version", "catalog.missing_field");
    }
    SUBCASE("the support hours") {
        const Problem p = only_error(load_edited([](ojson& d) { d["operators"][2]["support"].erase("hours"); }));
        check_problem(p, "/operators/2/support/hours", "catalog.missing_field");
    }
    SUBCASE("within_days of a refundable plan") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["refund"].erase("within_days"); }));
        check_problem(p, "/products/0/plans/1/refund/within_days", "catalog.missing_field");
    }
    SUBCASE("the mb of a capped plan") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 0)["data"] = ojson::object(); }));
        check_problem(p, "/products/0/plans/0/data/mb", "catalog.missing_field");
    }
    SUBCASE("an optional section may be left out") {
        const CatalogLoad l = load_edited([](ojson& d) {
            d.erase("exchange_rates");
            d.erase("devices");
            d.erase("name");
        });
        CHECK(l.problems.empty());
        REQUIRE(l.catalog.has_value());
        CHECK(l.catalog->exchange_rates.rates.empty());
        CHECK(l.catalog->devices.empty());
    }
}

TEST_CASE("prices are positive whole minor units in a known currency") {
    SUBCASE("negative") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["price"]["minor"] = -1980; }));
        check_problem(p, "/products/0/plans/1/price/minor", "catalog.negative");
        CHECK(p.arg("field") == "minor");
        CHECK(describe_catalog_problem(p).find("negative") != std::string::npos);
    }
    SUBCASE("a float") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["price"]["minor"] = 19.8; }));
        check_problem(p, "/products/0/plans/1/price/minor", "catalog.not_integer");
    }
    SUBCASE("a float with nothing after the point is still a float") {
        std::string text(sample_catalog_json());
        text.replace(text.find("\"minor\": 500,"), 13, "\"minor\": 500.0,");
        const Problem p = only_error(load_catalog(text));
        check_problem(p, "/products/0/plans/0/price/minor", "catalog.not_integer");
    }
    SUBCASE("zero") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["price"]["minor"] = 0; }));
        check_problem(p, "/products/0/plans/1/price/minor", "catalog.out_of_range");
        CHECK(p.arg("min") == "1");
    }
    SUBCASE("beyond int64") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["price"]["minor"] = UINT64_MAX; }));
        check_problem(p, "/products/0/plans/1/price/minor", "catalog.out_of_range");
    }
    SUBCASE("an unknown currency") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["price"]["currency"] = "YEN"; }));
        check_problem(p, "/products/0/plans/1/price/currency", "catalog.unknown_currency");
        CHECK(p.arg("currency") == "YEN");
    }
    SUBCASE("a lower-case currency") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 1)["price"]["currency"] = "jpy"; }));
        check_problem(p, "/products/0/plans/1/price/currency", "catalog.unknown_currency");
    }
}

TEST_CASE("all plans of a product share one currency, and rates convert from it") {
    SUBCASE("a second currency in one product is an error at that plan, naming the first") {
        const CatalogLoad l = load_edited([](ojson& d) { plan(d, 0, 2)["price"]["currency"] = "USD"; });
        INFO(listing(l));
        REQUIRE(l.problems.size() == 2);
        check_problem(l.problems[0], "/products/0/plans/2/price/currency", "catalog.mixed_currencies");
        CHECK(l.problems[0].arg("currency") == "USD");
        CHECK(l.problems[0].arg("expected") == "JPY");
        CHECK(l.problems[0].arg("first") == "/products/0/plans/0/price/currency");
        // ... and the JPY rates cannot convert USD prices.
        check_problem(l.problems[1], "/exchange_rates/base", "catalog.rates_base_mismatch", Severity::warning);
        CHECK(l.problems[1].arg("currency") == "USD");
        CHECK_FALSE(l.catalog.has_value());
    }
    SUBCASE("another product may use another currency; the rates then only serve one of them") {
        const Problem p = only_warning(load_edited([](ojson& d) {
            for (auto& pl : d["products"][1]["plans"]) pl["price"]["currency"] = "USD";
        }));
        check_problem(p, "/exchange_rates/base", "catalog.rates_base_mismatch", Severity::warning);
        CHECK(p.arg("base") == "JPY");
        CHECK(p.arg("currency") == "USD");
    }
    SUBCASE("rates quoted from a currency no plan uses") {
        const Problem p = only_warning(load_edited([](ojson& d) { d["exchange_rates"]["base"] = "USD"; }));
        check_problem(p, "/exchange_rates/base", "catalog.rates_base_mismatch", Severity::warning);
        CHECK(p.arg("base") == "USD");
        CHECK(p.arg("currency") == "JPY");
    }
    SUBCASE("a late fee in another currency") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 3, 0)["late_fee_per_day"]["currency"] = "USD"; }));
        check_problem(p, "/products/3/plans/0/late_fee_per_day/currency", "catalog.currency_differs");
        CHECK(p.arg("currency") == "JPY");
    }
}

TEST_CASE("duplicate ids point at the first use") {
    SUBCASE("plan ids are unique across the catalogue") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 1, 0)["id"] = "sakura-1d-1gb"; }));
        check_problem(p, "/products/1/plans/0/id", "catalog.duplicate_id");
        CHECK(p.arg("id") == "sakura-1d-1gb");
        CHECK(p.arg("first") == "/products/0/plans/0/id");
        CHECK(describe_catalog_problem(p) ==
              "/products/1/plans/0/id: id \"sakura-1d-1gb\" is already used at /products/0/plans/0/id; ids must be unique");
    }
    SUBCASE("within one product") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 2, 2)["id"] = "hikari-10d-10gb"; }));
        check_problem(p, "/products/2/plans/2/id", "catalog.duplicate_id");
        CHECK(p.arg("first") == "/products/2/plans/0/id");
    }
    SUBCASE("operator ids") {
        const CatalogLoad l = load_edited([](ojson& d) { d["operators"][1]["id"] = "sakura-mobile-jp"; });
        INFO(listing(l));
        REQUIRE(l.problems.size() == 2);
        check_problem(l.problems[0], "/operators/1/id", "catalog.duplicate_id");
        CHECK(l.problems[0].arg("first") == "/operators/0/id");
        // kumo-esim is gone now, so its product refers to nothing.
        check_problem(l.problems[1], "/products/1/operator", "catalog.unknown_operator");
    }
    SUBCASE("product ids") {
        const Problem p = only_error(load_edited([](ojson& d) { d["products"][2]["id"] = "sakura-visitor-sim"; }));
        check_problem(p, "/products/2/id", "catalog.duplicate_id");
        CHECK(p.arg("first") == "/products/0/id");
    }
    SUBCASE("devices by brand and model") {
        const Problem p = only_error(load_edited([](ojson& d) { d["devices"][1]["model"] = "iPhone 16"; }));
        check_problem(p, "/devices/1/model", "catalog.duplicate_id");
        CHECK(p.arg("first") == "/devices/0/model");
    }
}

TEST_CASE("ids use a safe alphabet") {
    for (const char* bad : {"plan 1", "-lead", "plan/1", "プラン"}) {
        CAPTURE(bad);
        const Problem p = only_error(load_edited([&](ojson& d) { plan(d, 0, 0)["id"] = bad; }));
        check_problem(p, "/products/0/plans/0/id", "catalog.bad_id");
        CHECK(p.arg("value") == bad);
    }
    const Problem long_id = only_error(load_edited([](ojson& d) { d["products"][0]["id"] = std::string(65, 'a'); }));
    check_problem(long_id, "/products/0/id", "catalog.bad_id");
    CHECK(load_edited([](ojson& d) { plan(d, 0, 0)["id"] = "Sakura_1.d-" + std::string(53, 'x'); }).problems.empty());
}

TEST_CASE("references to operators") {
    const Problem p = only_error(load_edited([](ojson& d) { d["products"][0]["operator"] = "nobody"; }));
    check_problem(p, "/products/0/operator", "catalog.unknown_operator");
    CHECK(p.arg("id") == "nobody");
}

TEST_CASE("the version") {
    SUBCASE("a newer version stops at that problem") {
        const Problem p = only_error(load_edited([](ojson& d) {
            d["version"] = 2;
            d["products"] = "something else in v2";
        }));
        check_problem(p, "/version", "catalog.unsupported_version");
        CHECK(p.arg("found") == "2");
        CHECK(p.arg("supported") == "1");
    }
    SUBCASE("zero and negative versions") {
        CHECK(only_error(load_edited([](ojson& d) { d["version"] = 0; })).message_id == "catalog.unsupported_version");
        CHECK(only_error(load_edited([](ojson& d) { d["version"] = -1; })).arg("found") == "-1");
    }
    SUBCASE("a version as a string or a float") {
        check_problem(only_error(load_edited([](ojson& d) { d["version"] = "1"; })), "/version", "catalog.wrong_type");
        check_problem(only_error(load_edited([](ojson& d) { d["version"] = 1.5; })), "/version", "catalog.not_integer");
    }
}

TEST_CASE("unknown fields are warnings and the catalogue still loads") {
    const CatalogLoad l = load_edited([](ojson& d) {
        d["colour"] = "red";
        plan(d, 1, 1)["promo"] = true;
        d["operators"][0]["support"]["hours"]["timezone"] = "JST";
        d["exchange_rates"]["source"] = "ECB";
    });
    INFO(listing(l));
    check_texts(l);
    REQUIRE(l.catalog.has_value());
    CHECK(l.error_count() == 0);
    REQUIRE(l.problems.size() == 4);
    // In document order: the new root member was appended last.
    check_problem(l.problems[0], "/operators/0/support/hours/timezone", "catalog.unknown_field", Severity::warning);
    check_problem(l.problems[1], "/products/1/plans/1/promo", "catalog.unknown_field", Severity::warning);
    check_problem(l.problems[2], "/exchange_rates/source", "catalog.unknown_field", Severity::warning);
    check_problem(l.problems[3], "/colour", "catalog.unknown_field", Severity::warning);
    CHECK(l.problems[3].arg("field") == "colour");
    CHECK(describe_catalog_problem(l.problems[3]) == "/colour: unknown field \"colour\" (ignored); check its spelling");
    CHECK(l.catalog->plans.size() == 15);
}

TEST_CASE("pointer tokens are escaped") {
    const Problem p = only_warning(load_edited([](ojson& d) { d["a/b~c"] = 1; }));
    CHECK(p.where == "/a~1b~0c");
    CHECK(p.arg("field") == "a/b~c");
}

TEST_CASE("empty lists") {
    SUBCASE("operators (and every product then refers to nothing)") {
        const CatalogLoad l = load_edited([](ojson& d) { d["operators"] = ojson::array(); });
        INFO(listing(l));
        REQUIRE(l.problems.size() == 5);
        check_problem(l.problems[0], "/operators", "catalog.empty_list");
        CHECK(l.problems[0].arg("field") == "operators");
        for (std::size_t i = 1; i < 5; ++i) CHECK(l.problems[i].message_id == "catalog.unknown_operator");
    }
    SUBCASE("products") {
        check_problem(only_error(load_edited([](ojson& d) { d["products"] = ojson::array(); })), "/products",
                      "catalog.empty_list");
    }
    SUBCASE("plans") {
        check_problem(only_error(load_edited([](ojson& d) { d["products"][2]["plans"] = ojson::array(); })),
                      "/products/2/plans", "catalog.empty_list");
    }
    SUBCASE("payment methods") {
        check_problem(only_error(load_edited([](ojson& d) { d["payment_methods"] = ojson::array(); })),
                      "/payment_methods", "catalog.empty_list");
    }
    SUBCASE("networks") {
        check_problem(only_error(load_edited([](ojson& d) { d["products"][0]["networks"] = ojson::array(); })),
                      "/products/0/networks", "catalog.empty_list");
    }
    SUBCASE("rates") {
        check_problem(only_error(load_edited([](ojson& d) { d["exchange_rates"]["rates"] = ojson::object(); })),
                      "/exchange_rates/rates", "catalog.empty_list");
    }
    SUBCASE("a device's LTE bands (NR may be empty)") {
        check_problem(only_error(load_edited([](ojson& d) { d["devices"][3]["lte"] = ojson::array(); })),
                      "/devices/3/lte", "catalog.empty_list");
    }
    SUBCASE("the device table may be empty") {
        CHECK(load_edited([](ojson& d) { d["devices"] = ojson::array(); }).problems.empty());
    }
    SUBCASE("an empty string") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 0)["name"] = ""; }));
        check_problem(p, "/products/0/plans/0/name", "catalog.empty");
        CHECK(p.arg("field") == "name");
    }
}

TEST_CASE("support contacts and hours") {
    SUBCASE("times of day") {
        for (const char* bad : {"9:00", "21:60", "25:00", "09-00", "noon", "24:01"}) {
            CAPTURE(bad);
            const Problem p = only_error(load_edited([&](ojson& d) { d["operators"][0]["support"]["hours"]["close"] = bad; }));
            check_problem(p, "/operators/0/support/hours/close", "catalog.bad_time");
            CHECK(p.arg("value") == bad);
        }
    }
    SUBCASE("24:00 closes but does not open") {
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["hours"]["open"] = "24:00"; })),
                      "/operators/0/support/hours/open", "catalog.bad_time");
    }
    SUBCASE("hours past midnight are fine, empty hours are not") {
        const CatalogLoad overnight = load_edited([](ojson& d) {
            d["operators"][0]["support"]["hours"] = {{"open", "22:00"}, {"close", "02:00"}};
        });
        REQUIRE(overnight.catalog.has_value());
        CHECK(overnight.catalog->operators[0].hours.open_minute == 22 * 60);
        CHECK(overnight.catalog->operators[0].hours.close_minute == 2 * 60);
        CHECK(overnight.catalog->operators[0].hours.days == "daily");  // the default
        const Problem p = only_error(load_edited([](ojson& d) {
            d["operators"][0]["support"]["hours"]["open"] = "10:00";
            d["operators"][0]["support"]["hours"]["close"] = "10:00";
        }));
        check_problem(p, "/operators/0/support/hours/close", "catalog.bad_hours");
        CHECK(p.arg("open") == "10:00");
    }
    SUBCASE("days") {
        const Problem p = only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["hours"]["days"] = "sometimes"; }));
        check_problem(p, "/operators/0/support/hours/days", "catalog.unknown_value");
        CHECK(p.arg("allowed") == "daily, weekdays, weekends");
    }
    SUBCASE("phone, email, chat URL") {
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["phone"] = "call us"; })),
                      "/operators/0/support/phone", "catalog.bad_phone");
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["phone"] = "+81-3-+4570"; })),
                      "/operators/0/support/phone", "catalog.bad_phone");
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["email"] = "help@"; })),
                      "/operators/0/support/email", "catalog.bad_email");
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["email"] = "a b@c.jp"; })),
                      "/operators/0/support/email", "catalog.bad_email");
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["chat_url"] = "http://x.example"; })),
                      "/operators/0/support/chat_url", "catalog.not_https");
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][0]["support"]["chat_url"] = "https://"; })),
                      "/operators/0/support/chat_url", "catalog.not_https");
        CHECK(load_edited([](ojson& d) { d["operators"][0]["support"]["phone"] = "(03) 4570 1180"; }).problems.empty());
    }
    SUBCASE("at least one contact") {
        const Problem p = only_error(load_edited([](ojson& d) {
            auto& s = d["operators"][1]["support"];
            s.erase("email");
            s.erase("chat_url");
        }));
        check_problem(p, "/operators/1/support", "catalog.no_support_contact");
    }
}

TEST_CASE("dates") {
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-04-31", "20-11-2026", "2026/11/20", "2026-11-20T00:00:00Z", "2026-11-00"}) {
        CAPTURE(bad);
        const Problem p = only_error(load_edited([&](ojson& d) { d["exchange_rates"]["as_of"] = bad; }));
        check_problem(p, "/exchange_rates/as_of", "catalog.bad_date");
        CHECK(p.arg("value") == bad);
    }
    CHECK(load_edited([](ojson& d) { d["exchange_rates"]["as_of"] = "2028-02-29"; }).problems.empty());
    CHECK(load_edited([](ojson& d) { d["exchange_rates"]["as_of"] = "2000-02-29"; }).problems.empty());
    CHECK_FALSE(load_edited([](ojson& d) { d["exchange_rates"]["as_of"] = "2100-02-29"; }).catalog.has_value());
}

TEST_CASE("exchange rates are exact decimal strings") {
    for (const char* bad : {"1e-3", "0", "0.000", ".5", "5.", "-1", "1,5", "", "0.0000000000001"}) {
        CAPTURE(bad);
        const Problem p = only_error(load_edited([&](ojson& d) { d["exchange_rates"]["rates"]["USD"] = bad; }));
        check_problem(p, "/exchange_rates/rates/USD", "catalog.bad_rate");
        CHECK(p.arg("value") == bad);
    }
    const Problem unknown = only_error(load_edited([](ojson& d) { d["exchange_rates"]["rates"]["XYZ"] = "1.0"; }));
    check_problem(unknown, "/exchange_rates/rates/XYZ", "catalog.unknown_currency");
    check_problem(only_error(load_edited([](ojson& d) { d["exchange_rates"]["base"] = "yen"; })), "/exchange_rates/base",
                  "catalog.unknown_currency");
    const CatalogLoad whole = load_edited([](ojson& d) { d["exchange_rates"]["rates"]["KRW"] = "9"; });
    REQUIRE(whole.catalog.has_value());
    CHECK(rate_to_string(*whole.catalog->exchange_rates.find("KRW")) == "9");
}

TEST_CASE("order-number patterns") {
    SUBCASE("a trailing lone backslash") {
        const Problem p = only_error(load_edited([](ojson& d) { d["operators"][3]["order_pattern"] = "TW-########\\"; }));
        check_problem(p, "/operators/3/order_pattern", "catalog.mask_trailing_escape");
        CHECK(describe_catalog_problem(p) ==
              "/operators/3/order_pattern: the pattern ends with a lone \"\\\"; write \"\\\\\" for a literal backslash");
    }
    SUBCASE("no placeholder (an escaped one does not count)") {
        for (const char* bad : {"TW-", "TW-\\#\\#"}) {
            CAPTURE(bad);
            check_problem(only_error(load_edited([&](ojson& d) { d["operators"][3]["order_pattern"] = bad; })),
                          "/operators/3/order_pattern", "catalog.mask_no_placeholder");
        }
    }
    SUBCASE("a character outside printable ASCII") {
        const Problem p = only_error(load_edited([](ojson& d) { d["operators"][3]["order_pattern"] = "TW-\t####"; }));
        check_problem(p, "/operators/3/order_pattern", "catalog.mask_bad_char");
        CHECK(p.arg("position") == "4");
        CHECK(only_error(load_edited([](ojson& d) { d["operators"][3]["order_pattern"] = "注文####"; })).arg("position") == "1");
    }
    SUBCASE("too long") {
        const Problem p = only_error(load_edited([](ojson& d) { d["operators"][3]["order_pattern"] = std::string(65, '#'); }));
        check_problem(p, "/operators/3/order_pattern", "catalog.mask_too_long");
        CHECK(p.arg("max") == "64");
    }
    SUBCASE("empty") {
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][3]["order_pattern"] = ""; })),
                      "/operators/3/order_pattern", "catalog.empty");
    }
    SUBCASE("an operator with a wifi product should have one") {
        const Problem p = only_warning(load_edited([](ojson& d) { d["operators"][3].erase("order_pattern"); }));
        check_problem(p, "/products/3/operator", "catalog.no_order_pattern", Severity::warning);
        CHECK(p.arg("operator") == "tabi-wifi");
    }
    SUBCASE("a wrong pattern is reported once, without the missing-pattern warning") {
        check_problem(only_error(load_edited([](ojson& d) { d["operators"][3]["order_pattern"] = 12345678; })),
                      "/operators/3/order_pattern", "catalog.wrong_type");
    }
    SUBCASE("check_order_pattern and matches_order_pattern") {
        CHECK_FALSE(check_order_pattern("WB-########", "x").has_value());
        CHECK(check_order_pattern("\\", "/p")->where == "/p");
        CHECK(matches_order_pattern("WB-########", "WB-20261128"));
        CHECK(matches_order_pattern("WB-########", "wb-20261128"));  // letters of the pattern match either case
        CHECK_FALSE(matches_order_pattern("WB-########", "WB-2026112"));
        CHECK_FALSE(matches_order_pattern("WB-########", "WB-202611280"));
        CHECK_FALSE(matches_order_pattern("WB-########", "WB-2026112X"));
        CHECK(matches_order_pattern("@@-****", "Ab-x9Y1"));
        CHECK_FALSE(matches_order_pattern("@@-****", "A1-x9Y1"));
        CHECK(matches_order_pattern("\\#@###", "#Q123"));
        CHECK_FALSE(matches_order_pattern("\\#@###", "1Q123"));
        CHECK(matches_order_pattern("A\\\\#", "A\\5"));
        CHECK_FALSE(matches_order_pattern("TW-", "TW-"));  // an invalid pattern matches nothing
        CHECK_FALSE(matches_order_pattern("##\\", "12"));
        CHECK_FALSE(matches_order_pattern("##", ""));
    }
}

TEST_CASE("plan rules") {
    SUBCASE("only a data pack may have 0 days") {
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["days"] = 0; })), "/products/0/plans/0/days",
                      "catalog.zero_days");
    }
    SUBCASE("a data pack with days also adds validity (allowed)") {
        const CatalogLoad l = load_edited([](ojson& d) { plan(d, 0, 3)["days"] = 30; });
        CHECK(l.problems.empty());
        REQUIRE(l.catalog.has_value());
        CHECK(l.catalog->find_plan("sakura-pack-3gb")->days == 30);
    }
    SUBCASE("an unlimited data pack needs days") {
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 1, 4)["data"] = {{"unlimited", true}}; })),
                      "/products/1/plans/4/data/unlimited", "catalog.unlimited_pack_needs_days");
        CHECK(load_edited([](ojson& d) {
                  plan(d, 1, 4)["data"] = {{"unlimited", true}};
                  plan(d, 1, 4)["days"] = 1;
              }).problems.empty());
    }
    SUBCASE("days out of range") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 0)["days"] = 4000; }));
        check_problem(p, "/products/0/plans/0/days", "catalog.out_of_range");
        CHECK(p.arg("field") == "days");
        CHECK(p.arg("max") == "3650");
    }
    SUBCASE("unknown kind") {
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 0, 0)["kind"] = "weekly"; }));
        check_problem(p, "/products/0/plans/0/kind", "catalog.unknown_value");
        CHECK(p.arg("allowed") == "day_pass, monthly, data_pack, rental_extension");
    }
    SUBCASE("rental extensions belong to wifi, and wifi is renewed by rental extensions or data packs") {
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["kind"] = "rental_extension"; })),
                      "/products/0/plans/0/kind", "catalog.rental_not_wifi");
        const Problem p = only_error(load_edited([](ojson& d) { plan(d, 3, 0)["kind"] = "day_pass"; }));
        check_problem(p, "/products/3/plans/0/kind", "catalog.wifi_needs_rental");
        CHECK(p.arg("kind") == "day_pass");
        CHECK(load_edited([](ojson& d) {
                  plan(d, 3, 0)["kind"] = "data_pack";
                  plan(d, 3, 0)["data"] = {{"mb", 5120}};
              }).problems.empty());
    }
    SUBCASE("an unknown card kind does not cascade into card rules") {
        check_problem(only_error(load_edited([](ojson& d) { d["products"][3]["card"] = "router"; })), "/products/3/card",
                      "catalog.unknown_value");
    }
    SUBCASE("data") {
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 1, 0)["data"]["mb"] = 100; })),
                      "/products/1/plans/0/data/mb", "catalog.mb_with_unlimited");
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["data"]["fair_use_mb_per_day"] = 100; })),
                      "/products/0/plans/0/data/fair_use_mb_per_day", "catalog.fair_use_without_unlimited");
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["data"]["mb"] = 0; })),
                      "/products/0/plans/0/data/mb", "catalog.out_of_range");
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["data"]["unlimited"] = "yes"; })),
                      "/products/0/plans/0/data/unlimited", "catalog.wrong_type");
    }
    SUBCASE("networks") {
        const CatalogLoad none = load_edited([](ojson& d) { d["products"][0].erase("networks"); });
        INFO(listing(none));
        REQUIRE(none.problems.size() == 4);
        for (std::size_t i = 0; i < 4; ++i)
            check_problem(none.problems[i], "/products/0/plans/" + std::to_string(i) + "/networks", "catalog.no_networks");
        // A wifi rental is the operator's own device: no networks needed.
        CHECK(load_edited([](ojson& d) { d["products"][3].erase("networks"); }).problems.empty());
        const Problem p = only_error(load_edited([](ojson& d) { d["products"][1]["networks"][1] = "ntt"; }));
        check_problem(p, "/products/1/networks/1", "catalog.unknown_value");
        CHECK(p.arg("value") == "ntt");
        // A plan's own list replaces the product's.
        const CatalogLoad own = load_edited([](ojson& d) { plan(d, 0, 0)["networks"] = {"au", "au"}; });
        REQUIRE(own.catalog.has_value());
        CHECK(own.catalog->find_plan("sakura-1d-1gb")->networks == std::vector<std::string>{"au"});
    }
    SUBCASE("refunds") {
        const Problem p = only_warning(load_edited([](ojson& d) { plan(d, 0, 0)["refund"]["within_days"] = 3; }));
        check_problem(p, "/products/0/plans/0/refund/within_days", "catalog.refund_days_ignored", Severity::warning);
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["refund"]["policy"] = "always"; })),
                      "/products/0/plans/0/refund/policy", "catalog.unknown_value");
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 1)["refund"]["within_days"] = 0; })),
                      "/products/0/plans/1/refund/within_days", "catalog.out_of_range");
    }
    SUBCASE("replace with after_current does nothing") {
        const Problem p = only_warning(load_edited([](ojson& d) { plan(d, 0, 0)["stacking"] = "replace"; }));
        check_problem(p, "/products/0/plans/0/stacking", "catalog.replace_after_current", Severity::warning);
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 0, 0)["starts"] = "tomorrow"; })),
                      "/products/0/plans/0/starts", "catalog.unknown_value");
    }
    SUBCASE("defaults for stacking, starts, validity and speed") {
        const CatalogLoad l = load_edited([](ojson& d) {
            for (const char* key : {"stacking", "starts", "speed_after_cap_kbps"}) plan(d, 2, 0).erase(key);
            d["products"][2].erase("validity");
        });
        REQUIRE(l.catalog.has_value());
        const Plan* p = l.catalog->find_plan("hikari-10d-10gb");
        CHECK(p->stacking == Stacking::add);
        CHECK(p->starts == StartRule::after_current);
        CHECK(p->validity == ValidityRule::calendar_jst);
        CHECK(p->speed_after_cap_kbps == 0);
    }
    SUBCASE("rental fields on a SIM are ignored with a warning") {
        const Problem p = only_warning(load_edited([](ojson& d) { plan(d, 0, 0)["extension_notice_hours"] = 24; }));
        check_problem(p, "/products/0/plans/0/extension_notice_hours", "catalog.rental_field_ignored", Severity::warning);
        CHECK(p.arg("field") == "extension_notice_hours");
        check_problem(only_error(load_edited([](ojson& d) { plan(d, 3, 0)["extension_notice_hours"] = 1000; })),
                      "/products/3/plans/0/extension_notice_hours", "catalog.out_of_range");
    }
}

TEST_CASE("names: translations per widget locale, the catalogue's name where none is given") {
    const CatalogLoad l = load(sample());
    REQUIRE(l.catalog);
    const Plan* plan = l.catalog->find_plan("kumo-3d-unl");
    REQUIRE(plan);
    CHECK(plan->name_in(Locale::en) == "3 days · unlimited");
    CHECK(plan->name_in(Locale::ja) == "3日間 · 無制限");
    CHECK(plan->name_in(Locale::zh_Hant) == "3 天 · 無限流量");
    CHECK(plan->product_name_in(Locale::ko) == "Kumo 일본 eSIM");
    CHECK(plan->product_name_in(Locale::en) == "Kumo Japan eSIM");

    // Only some locales: the others fall back to "name".
    const CatalogLoad partial = load_edited([](ojson& d) {
        d["products"][0]["plans"][0]["names"] = {{"ja", "1日パス"}};
        d["products"][0].erase("names");
    });
    REQUIRE(partial.catalog);
    const Plan& p0 = partial.catalog->plans.front();
    CHECK(p0.name_in(Locale::ja) == "1日パス");
    CHECK(p0.name_in(Locale::zh_Hans) == p0.name);
    CHECK(p0.product_name_in(Locale::ja) == p0.product_name);

    // A locale the widget does not have is a warning that names the known tags; the catalogue loads.
    const Problem unknown =
        only_problem(load_edited([](ojson& d) { d["products"][0]["plans"][0]["names"]["fr"] = "1 jour"; }));
    CHECK_FALSE(unknown.is_error());
    CHECK(unknown.where == "/products/0/plans/0/names/fr");
    CHECK(unknown.message_id == "catalog.unknown_value");
    CHECK(unknown.arg("allowed") == "en, zh-Hans, zh-Hant, ja, ko");

    // An empty or non-string translation is an error at its pointer.
    const Problem empty = only_problem(load_edited([](ojson& d) { d["products"][1]["names"]["ja"] = ""; }));
    CHECK(empty.is_error());
    CHECK(empty.where == "/products/1/names/ja");
    CHECK(empty.message_id == "catalog.empty");
    const Problem number = only_problem(load_edited([](ojson& d) { d["products"][0]["plans"][1]["names"]["ko"] = 7; }));
    CHECK(number.where == "/products/0/plans/1/names/ko");
    CHECK(number.message_id == "catalog.wrong_type");
    const Problem not_object =
        only_problem(load_edited([](ojson& d) { d["products"][0]["plans"][1]["names"] = "7日間"; }));
    CHECK(not_object.where == "/products/0/plans/1/names");
    CHECK(not_object.message_id == "catalog.wrong_type");
}

TEST_CASE("payment methods") {
    const CatalogLoad l = load_edited([](ojson& d) { d["payment_methods"] = {"card", "bitcoin", "card", 7}; });
    INFO(listing(l));
    REQUIRE(l.problems.size() == 3);
    check_problem(l.problems[0], "/payment_methods/1", "catalog.unknown_payment_method", Severity::warning);
    check_problem(l.problems[1], "/payment_methods/2", "catalog.duplicate_value", Severity::warning);
    CHECK(l.problems[1].arg("first") == "/payment_methods/0");
    check_problem(l.problems[2], "/payment_methods/3", "catalog.wrong_type");
    const CatalogLoad ok = load_edited([](ojson& d) { d["payment_methods"] = {"card", "bitcoin", "card"}; });
    REQUIRE(ok.catalog.has_value());
    CHECK(ok.catalog->payment_methods == std::vector<std::string>{"card", "bitcoin"});
}

TEST_CASE("device bands") {
    for (int bad : {0, -3, 256}) {
        CAPTURE(bad);
        check_problem(only_error(load_edited([&](ojson& d) { d["devices"][0]["lte"][2] = bad; })), "/devices/0/lte/2",
                      "catalog.bad_band");
    }
    check_problem(only_error(load_edited([](ojson& d) { d["devices"][0]["nr"][0] = 513; })), "/devices/0/nr/0",
                  "catalog.bad_band");
    check_problem(only_error(load_edited([](ojson& d) { d["devices"][0]["nr"][0] = 77.5; })), "/devices/0/nr/0",
                  "catalog.bad_band");
    check_problem(only_error(load_edited([](ojson& d) { d["devices"][0]["nr"][0] = UINT64_MAX; })), "/devices/0/nr/0",
                  "catalog.bad_band");
    const CatalogLoad dup = load_edited([](ojson& d) { d["devices"][3]["lte"] = {41, 1, 41, 3}; });
    REQUIRE(dup.catalog.has_value());
    CHECK(dup.catalog->devices[3].lte_bands == std::vector<int>{1, 3, 41});
    check_problem(only_error(load_edited([](ojson& d) { d["devices"][0].erase("esim"); })), "/devices/0/esim",
                  "catalog.missing_field");
}

TEST_CASE("several errors are all collected, in document order") {
    SUBCASE("in the sample's member order") {
        const CatalogLoad l = load_edited([](ojson& d) {
            d["devices"][0]["lte"][0] = 0;
            d["exchange_rates"]["as_of"] = "yesterday";
            plan(d, 2, 0)["price"]["minor"] = -1;
            plan(d, 0, 1)["days"] = "7";
            d["operators"][0]["support"]["email"] = "nope";
        });
        INFO(listing(l));
        check_texts(l);
        CHECK_FALSE(l.catalog.has_value());
        CHECK(l.error_count() == 5);
        REQUIRE(l.problems.size() == 5);
        CHECK(l.problems[0].where == "/operators/0/support/email");
        CHECK(l.problems[1].where == "/products/0/plans/1/days");
        CHECK(l.problems[2].where == "/products/2/plans/0/price/minor");
        CHECK(l.problems[3].where == "/exchange_rates/as_of");
        CHECK(l.problems[4].where == "/devices/0/lte/0");
    }
    SUBCASE("in the host's member order, whatever order the checks run in") {
        ojson doc = sample();
        ojson reordered = ojson::object();
        reordered["devices"] = doc["devices"];
        reordered["devices"][1]["esim"] = "yes";
        ojson& first_plan = doc["products"][0]["plans"][0];
        ojson moved = ojson::object();
        moved["price"] = {{"minor", -5}, {"currency", "JPY"}};
        for (auto it = first_plan.begin(); it != first_plan.end(); ++it)
            if (it.key() != "price") moved[it.key()] = it.value();
        moved["days"] = "one";
        first_plan = moved;
        for (auto it = doc.begin(); it != doc.end(); ++it)
            if (it.key() != "devices") reordered[it.key()] = it.value();
        const CatalogLoad l = load(reordered);
        INFO(listing(l));
        REQUIRE(l.problems.size() == 3);
        CHECK(l.problems[0].where == "/devices/1/esim");
        CHECK(l.problems[1].where == "/products/0/plans/0/price/minor");
        CHECK(l.problems[2].where == "/products/0/plans/0/days");
    }
    SUBCASE("missing fields come after what their object holds") {
        const CatalogLoad l = load_edited([](ojson& d) {
            plan(d, 0, 0).erase("name");
            plan(d, 0, 0)["days"] = -1;
        });
        INFO(listing(l));
        REQUIRE(l.problems.size() == 2);
        CHECK(l.problems[0].where == "/products/0/plans/0/days");
        CHECK(l.problems[0].message_id == "catalog.negative");
        CHECK(l.problems[1].where == "/products/0/plans/0/name");
        CHECK(l.problems[1].message_id == "catalog.missing_field");
    }
}

TEST_CASE("garbage never crashes and always says something") {
    const std::string deep(100000, '[');
    const std::string deep_closed = std::string(20000, '[') + std::string(20000, ']');
    std::string wide = "{\"version\":1,\"products\":[1";
    for (int i = 0; i < 3000; ++i) wide += ",1";
    wide += "]}";
    for (const std::string& text : {deep, deep_closed, std::string("{\"version\":1e999}"), std::string("{\"version\":-0}"),
                                    std::string("{\"operators\":{\"0\":1},\"products\":[[]],\"devices\":[{\"lte\":[[1]]}]}"),
                                    std::string("\xEF\xBB\xBF{}"), std::string(1, '\0'), wide}) {
        const CatalogLoad l = load_catalog(text);
        CHECK_FALSE(l.catalog.has_value());
        CHECK_FALSE(l.problems.empty());
        check_texts(l);
        for (const auto& p : l.problems) CHECK_NOTHROW((void)ojson(describe_catalog_problem(p)).dump());
    }
}

TEST_CASE("every message id has an English text") {
    const auto ids = catalog_message_ids();
    CHECK(ids.size() >= 40);
    for (std::string_view id : ids) {
        CAPTURE(id);
        CHECK(id.rfind("catalog.", 0) == 0);
        CHECK(!catalog_message_template(id).empty());
        CHECK(std::count(ids.begin(), ids.end(), id) == 1);
    }
    CHECK(catalog_message_template("catalog.no_such_message").empty());
    // An id this module does not know is shown as it is rather than as nothing.
    CHECK(describe_catalog_problem(make_problem("/x", "other.thing")) == "/x: other.thing");
    const Problem fetch = make_problem("", "catalog.fetch_failed", {{"reason", "HTTP 404"}});
    CHECK(describe_catalog_problem(fetch) == "(document): the catalogue could not be loaded: HTTP 404");
    CHECK(catalog_problem_text(fetch) == "the catalogue could not be loaded: HTTP 404");
}

#ifdef TABI_SOURCE_DIR
namespace {
std::string read_source_file(const char* relative) {
    std::ifstream in(std::string(TABI_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
}  // namespace

TEST_CASE("docs/catalog.md lists every message and its example loads clean") {
    const std::string doc = read_source_file("docs/catalog.md");
    REQUIRE_FALSE(doc.empty());
    for (std::string_view id : catalog_message_ids()) {
        CAPTURE(id);
        CHECK(doc.find("`" + std::string(id) + "`") != std::string::npos);
        CHECK(doc.find("`" + std::string(catalog_message_template(id)) + "`") != std::string::npos);
    }
    const std::string fence = "```json\n";
    const auto start = doc.find(fence);
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("```", start + fence.size());
    REQUIRE(end != std::string::npos);
    const CatalogLoad l = load_catalog(std::string_view(doc).substr(start + fence.size(), end - start - fence.size()));
    INFO(listing(l));
    CHECK(l.problems.empty());
    CHECK(l.catalog.has_value());
}

TEST_CASE("docs/catalog.schema.json is JSON and knows every field the loader knows") {
    const std::string text = read_source_file("docs/catalog.schema.json");
    const ojson schema = ojson::parse(text, nullptr, false);
    REQUIRE_FALSE(schema.is_discarded());
    CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    CHECK(schema["properties"]["version"]["const"] == kCatalogVersion);
    const ojson& plan_props = schema["$defs"]["plan"]["properties"];
    for (const char* field : {"id", "name", "names", "kind", "days", "data", "speed_after_cap_kbps", "price", "refund",
                              "networks", "validity", "stacking", "starts", "late_fee_per_day", "extension_notice_hours"})
        CHECK_MESSAGE(plan_props.contains(field), field);
}
#endif

TEST_CASE("a control character in a catalogue string is a warning at its pointer; the catalogue still loads") {
    const CatalogLoad l = load_edited([](ojson& doc) {
        doc["products"][0]["names"]["ja"] = "Sakura\u0007 SIM";
        doc["operators"][0]["name"] = "Sakura\u0085Connect";  // U+0085, a C1 control
    });
    REQUIRE(l.catalog.has_value());
    std::vector<std::string> where;
    for (const auto& p : l.problems) {
        CHECK(p.message_id == "catalog.control_character");
        CHECK(p.severity == Severity::warning);
        where.push_back(p.where);
    }
    CHECK(where == std::vector<std::string>{"/operators/0/name", "/products/0/names/ja"});
    CHECK(describe_catalog_problem(l.problems[1]) ==
          "/products/0/names/ja: holds a control character (U+0007), which shows as nothing or as a box; remove it "
          "or write a space");
}

// The sample's text with two strings set to `ja_name` and `operator_name` as written in the JSON text (escapes
// and all), which a dump of a parsed document cannot hold when they are half characters.
std::string sample_text_with(std::string_view ja_name, std::string_view operator_name) {
    ojson doc = sample();
    doc["products"][0]["names"]["ja"] = "@JA@";
    doc["operators"][0]["name"] = "@OP@";
    std::string text = doc.dump();
    text.replace(text.find("@JA@"), 4, ja_name);
    text.replace(text.find("@OP@"), 4, operator_name);
    return text;
}

const CatalogText* text_at(const CatalogLoad& l, std::string_view pointer) {
    for (const auto& t : l.texts)
        if (t.pointer == pointer) return &t;
    return nullptr;
}

TEST_CASE("an unpaired surrogate in a catalogue string is a warning at its pointer, shown as U+FFFD; the rest loads") {
    SUBCASE("as \\u escapes: a lone high half, a lone low half (any case of hex)") {
        const CatalogLoad l = load_catalog(sample_text_with(R"(Sakura \ud83d SIM)", R"(Sakura\uDE00Connect)"));
        REQUIRE(l.catalog.has_value());
        REQUIRE(l.problems.size() == 2);
        CHECK(l.problems[0].where == "/operators/0/name");
        CHECK(l.problems[1].where == "/products/0/names/ja");
        for (const auto& p : l.problems) {
            CHECK(p.message_id == "catalog.unpaired_surrogate");
            CHECK(p.severity == Severity::warning);
        }
        CHECK(describe_catalog_problem(l.problems[1]) ==
              "/products/0/names/ja: holds half of a character (an unpaired UTF-16 surrogate, such as a cut emoji), "
              "shown as \u201C\uFFFD\u201D; write the whole character or remove the half");
        REQUIRE(text_at(l, "/products/0/names/ja"));
        CHECK(text_at(l, "/products/0/names/ja")->text == "Sakura \uFFFD SIM");
        CHECK(l.catalog->operators[0].name == "Sakura\uFFFDConnect");
    }
    SUBCASE("as the three bytes CESU-8 writes for a surrogate") {
        const CatalogLoad l = load_catalog(sample_text_with("Sakura \xED\xA0\xBD SIM", "Sakura Connect"));
        REQUIRE(l.catalog.has_value());
        REQUIRE(l.problems.size() == 1);
        CHECK(l.problems[0].where == "/products/0/names/ja");
        CHECK(l.problems[0].message_id == "catalog.unpaired_surrogate");
        CHECK(text_at(l, "/products/0/names/ja")->text == "Sakura \uFFFD SIM");
    }
    SUBCASE("a whole pair, an escaped backslash before \"u\", and a text with neither are left alone") {
        const std::string text = sample_text_with(R"(Sakura \ud83d\ude00 SIM)", R"(Sakura \\ud83d Connect)");
        const CatalogLoad l = load_catalog(text);
        REQUIRE(l.catalog.has_value());
        CHECK(l.problems.empty());
        CHECK(text_at(l, "/products/0/names/ja")->text == "Sakura \U0001F600 SIM");
        CHECK(l.catalog->operators[0].name == R"(Sakura \ud83d Connect)");
        CHECK_FALSE(with_unpaired_surrogates_marked(text).has_value());
        CHECK_FALSE(with_unpaired_surrogates_marked(sample_catalog_json()).has_value());
    }
    SUBCASE("outside a string, a surrogate escape is still a syntax error at its place") {
        const CatalogLoad l = load_catalog(R"({"version": 1, \ud83d})");
        REQUIRE(l.problems.size() == 1);
        CHECK(l.problems[0].message_id == "catalog.not_json");
    }
}

TEST_CASE("load_catalog reads the document's texts in its one pass; shown_in picks a widget's locale's") {
    const std::string doc = sample().dump();
    const CatalogLoad l = load_catalog(doc);
    REQUIRE(l.catalog.has_value());
    const auto at = [&](std::string_view pointer) -> const CatalogText* {
        for (const auto& t : l.texts)
            if (t.pointer == pointer) return &t;
        return nullptr;
    };
    REQUIRE(at("/products/0/names/ko"));
    CHECK(at("/products/0/names/ko")->names_locale == "ko");
    REQUIRE(at("/products/0/name"));
    CHECK(at("/products/0/name")->names_locale.empty());
    // What a widget in one locale may show, with its pointer.
    const auto shown = [&](std::string_view pointer) {
        const CatalogText* t = at(pointer);
        return t && shown_in(*t, Locale::ja);
    };
    CHECK(shown("/products/0/names/ja"));
    CHECK(shown("/products/0/name"));
    CHECK(shown("/operators/0/support/email"));
    CHECK_FALSE(shown("/products/0/names/ko"));  // another locale's translation
    CHECK(load_catalog("not json").texts.empty());
}
