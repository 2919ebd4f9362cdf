// The traveller's walk through RenewalSession: steps, what is kept, what goes to the bridge and the host.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/core_api.h"
#include "core/session.h"
#include "sample_catalog.h"

using namespace tabi;
using json = nlohmann::json;
using test::shared_sample;

namespace {

constexpr UnixSeconds kNow = 1'795'000'000;  // 2026-11-18 (UTC)
constexpr std::string_view kIccid = "8981100012345678905";  // docomo prefix, Luhn valid
constexpr std::string_view kEntropy = "0123456789abcdef0123456789abcdef0123456789";
constexpr std::string_view kEntropy2 = "fedcba9876543210fedcba9876543210fedcba9876";


SessionOptions host_options(bool lookup = true, bool pay = true) {
    SessionOptions o;
    o.can_lookup = lookup;
    o.can_pay = pay;
    o.currency = "USD";
    o.utc_offset_minutes = 60;
    o.page_origin = "https://blog.example";
    return o;
}

std::vector<BridgeRequest> of_kind(const std::vector<BridgeRequest>& all, std::string_view kind) {
    std::vector<BridgeRequest> out;
    for (const auto& r : all)
        if (name_of(r.kind) == kind) out.push_back(r);
    return out;
}

std::string status_json(std::string card = "sim", std::string product = "sakura-visitor-sim",
                        std::string op = "sakura-mobile-jp") {
    return json{{"card", card}, {"operator", op}, {"product", product}, {"plan_name", "7 days · 5 GB"},
                {"activated_at", "2026-11-15T03:00:00Z"}, {"validity", "calendar_jst"}, {"days", 7},
                {"data_total_mb", 5120}, {"data_used_mb", 4700}}.dump();
}

// Walks a session with lookup and payment to the confirm step with one plan.
RenewalSession at_confirm(std::string_view plan = "sakura-7d-5gb", Locale locale = Locale::en) {
    SessionOptions options = host_options();
    options.locale = locale;
    RenewalSession s(shared_sample(), options);
    s.set_identifier_text(std::string(kIccid));
    REQUIRE(s.submit_identifier(kNow));
    const auto lookup = of_kind(s.take_requests(), "lookup");
    REQUIRE(lookup.size() == 1);
    const int id = json::parse(lookup[0].json)["requestId"];
    s.apply_lookup_answer(json{{"requestId", id}, {"ok", true}, {"value", json::parse(status_json())}}.dump(), kNow);
    REQUIRE(s.lookup_state() == LookupState::done);
    s.continue_from_status();
    s.choose_device(0);
    s.continue_from_device();
    s.continue_from_payment_methods();
    REQUIRE(s.step() == Step::choose);
    s.choose_only(plan);
    REQUIRE(s.continue_to_confirm(kNow));
    return s;
}

json pay_request(RenewalSession& s) {
    const auto pays = of_kind(s.take_requests(), "pay");
    REQUIRE(pays.size() == 1);
    return json::parse(pays[0].json)["order"];
}

std::string result_message(const json& order, std::string status, json extra = json::object()) {
    json result = {{"orderId", order["orderId"]}, {"status", status}};
    result.update(extra);
    return json{{"type", "payment-result"}, {"orderId", order["orderId"]}, {"result", result}}.dump();
}

}  // namespace

TEST_CASE("session: the walk has status only with a lookup and the phone check only for SIM and eSIM") {
    RenewalSession with(shared_sample(), host_options(true));
    CHECK(with.walk() == std::vector<Step>{Step::identify, Step::status, Step::device, Step::payment_methods,
                                           Step::choose, Step::confirm, Step::pay, Step::result});
    RenewalSession without(shared_sample(), host_options(false));
    without.set_identifier_text("TW-20261128");
    CHECK(without.card_kind() == CardKind::wifi);
    CHECK(without.walk() == std::vector<Step>{Step::identify, Step::payment_methods, Step::choose, Step::confirm,
                                              Step::pay, Step::result});
    REQUIRE(without.submit_identifier(kNow));
    CHECK(without.step() == Step::payment_methods);
    CHECK(without.step_number() == 2);
    CHECK(without.lookup_state() == LookupState::unavailable);
}

TEST_CASE("session: a session asks the bridge first for an order a reload interrupted") {
    RenewalSession s(shared_sample(), host_options());
    const auto restore = of_kind(s.take_requests(), "restore");
    REQUIRE(restore.size() == 1);
    CHECK(json::parse(restore[0].json)["key"] == s.storage_key());
}

TEST_CASE("session: nothing leaves identify until the identifier is acceptable, and what was typed stays") {
    RenewalSession s(shared_sample(), host_options());
    s.take_requests();
    CHECK_FALSE(s.submit_identifier(kNow));
    REQUIRE(s.notice());
    CHECK(s.notice()->message_id == "session.identifier_empty");
    s.set_identifier_text("8981 1000 1234");
    CHECK_FALSE(s.submit_identifier(kNow));
    CHECK(s.notice()->message_id == "session.identifier_not_ready");
    CHECK(s.step() == Step::identify);
    CHECK(s.identifier_text() == "8981 1000 1234");
    CHECK(of_kind(s.take_requests(), "lookup").empty());
    s.set_identifier_text("8981 1000 1234 5678 905");
    CHECK_FALSE(s.notice().has_value());
    CHECK(s.submit_identifier(kNow));
    CHECK(s.step() == Step::status);
    const auto lookup = of_kind(s.take_requests(), "lookup");
    REQUIRE(lookup.size() == 1);
    CHECK(json::parse(lookup[0].json)["identifier"] == kIccid);  // only the host's own lookupCard sees it
    // Back and forward keep the text.
    s.back();
    CHECK(s.step() == Step::identify);
    CHECK(s.identifier_text() == "8981 1000 1234 5678 905");
}

TEST_CASE("session: lookup answers, failures, and answers for an older request") {
    RenewalSession s(shared_sample(), host_options());
    s.set_identifier_text(std::string(kIccid));
    s.submit_identifier(kNow);
    const int id = json::parse(of_kind(s.take_requests(), "lookup")[0].json)["requestId"];
    s.apply_lookup_answer(json{{"requestId", id - 1}, {"ok", true}, {"value", json::parse(status_json())}}.dump(), kNow);
    CHECK(s.lookup_state() == LookupState::waiting);  // stale: ignored
    s.apply_lookup_answer(json{{"requestId", id}, {"ok", false}, {"reason", "timeout"}, {"message", "x"}}.dump(), kNow);
    CHECK(s.lookup_state() == LookupState::failed);
    CHECK(s.lookup_problem()->message_id == "ui.identify.lookup_timeout");
    s.retry_lookup(kNow);
    const int id2 = json::parse(of_kind(s.take_requests(), "lookup")[0].json)["requestId"];
    CHECK(id2 == id + 1);
    s.apply_lookup_answer(json{{"requestId", id2}, {"ok", true}, {"value", {{"card", "sim"}}}}.dump(), kNow);
    CHECK(s.lookup_state() == LookupState::failed);
    CHECK(s.lookup_problem()->message_id.starts_with("status."));
    const auto events = s.take_events();
    CHECK(std::any_of(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "error"; }));
    s.retry_lookup(kNow);
    const int id3 = json::parse(of_kind(s.take_requests(), "lookup")[0].json)["requestId"];
    s.apply_lookup_answer(json{{"requestId", id3}, {"ok", true}, {"value", json::parse(status_json("esim", "kumo-japan-esim", "kumo-esim"))}}.dump(), kNow);
    CHECK(s.lookup_problem()->message_id == "session.lookup_other_card");
    s.retry_lookup(kNow);
    const int id4 = json::parse(of_kind(s.take_requests(), "lookup")[0].json)["requestId"];
    s.apply_lookup_answer(json{{"requestId", id4}, {"ok", true}, {"value", json::parse(status_json())}}.dump(), kNow);
    REQUIRE(s.lookup_state() == LookupState::done);
    auto summary = s.status_summary(kNow);
    REQUIRE(summary);
    CHECK(summary->data.left_mb == 420);
    CHECK_FALSE(summary->warnings.empty());  // under 10 % left
}

TEST_CASE("session: the phone step needs a choice; the report covers the card's networks") {
    RenewalSession s = at_confirm();
    s.back();
    s.back();
    s.back();
    REQUIRE(s.step() == Step::device);
    CHECK(s.chosen_device() == &s.catalog().devices[0]);  // kept
    auto report = s.device_report();
    REQUIRE(report);
    CHECK(report->verdict == DeviceVerdict::good);
    RenewalSession fresh(shared_sample(), host_options(false));
    fresh.set_identifier_text(std::string(kIccid));
    fresh.submit_identifier(kNow);
    REQUIRE(fresh.step() == Step::device);
    fresh.continue_from_device();
    CHECK(fresh.notice()->message_id == "session.device_not_chosen");
    CHECK(fresh.step() == Step::device);
    fresh.choose_device_not_sure();
    REQUIRE(fresh.device_report());
    CHECK(fresh.device_report()->verdict == DeviceVerdict::unknown);
    fresh.continue_from_device();
    CHECK(fresh.step() == Step::payment_methods);
}

TEST_CASE("session: set_currency changes the shown prices and keeps the walk and the basket") {
    RenewalSession s = at_confirm();
    s.back();
    REQUIRE(s.step() == Step::choose);
    const auto chosen = s.chosen();
    REQUIRE(s.comparison()->rows.front().shown_price.currency == "USD");
    s.set_currency("CNY");
    CHECK(s.options().currency == "CNY");
    REQUIRE(s.comparison().ok());
    for (const auto& row : s.comparison()->rows) {
        CHECK(row.shown_price.currency == "CNY");
        CHECK(row.plan->price.currency == "JPY");  // the charge stays in the plan's currency
    }
    s.set_currency("");
    CHECK(s.comparison()->rows.front().shown_price.currency == "JPY");  // empty: the plans' own
    CHECK(s.step() == Step::choose);
    CHECK(s.chosen() == chosen);
}

TEST_CASE("session: choose lists the card's own product, recommends, and keeps the basket") {
    RenewalSession s = at_confirm();
    s.back();
    REQUIRE(s.step() == Step::choose);
    const auto& cmp = s.comparison();
    REQUIRE(cmp.ok());
    for (const auto& row : cmp->rows) CHECK(row.plan->product_id == "sakura-visitor-sim");
    CHECK(cmp->rows.front().shown_price.currency == "USD");
    s.set_trip_days(10);
    s.set_mb_per_day(1024);
    const auto& rec = s.recommendation();
    REQUIRE(rec.ok());
    REQUIRE(rec->best);
    s.use_recommendation();
    std::int64_t chosen_total = 0;
    for (const auto& item : rec->best->items) {
        CHECK(s.chosen().at(item.plan->id) == item.quantity);
        chosen_total += item.plan->price.minor * item.quantity;
    }
    CHECK(s.chosen_total()->minor == chosen_total);
    s.sort_by(CompareColumn::price);
    CHECK(s.sort_direction() == SortDirection::descending);
    s.set_quantity("sakura-7d-5gb", 0);
    s.set_quantity("kumo-7d-10gb", 1);  // another product's plan: accepted as a plan id, but out of scope
    s.set_quantity("no-such-plan", 1);
    CHECK(s.chosen().count("no-such-plan") == 0);
}

TEST_CASE("session: the order and the activation preview name plans in the traveller's language") {
    RenewalSession s = at_confirm("sakura-7d-5gb", Locale::ja);
    REQUIRE(s.order());
    REQUIRE(s.order()->items.size() == 1);
    CHECK(s.order()->items[0].name == "7日間 · 5 GB");
    REQUIRE(s.preview());
    CHECK(s.preview()->lines.at(0).plan_name == "7日間 · 5 GB");
    s.take_requests();
    REQUIRE(s.pay(kNow, kEntropy));
    const json order = pay_request(s);
    CHECK(order["locale"] == "ja");
    CHECK(order["items"][0]["name"] == "7日間 · 5 GB");
    CHECK(order["paymentRequest"]["displayItems"][0]["label"] == "7日間 · 5 GB");
}

TEST_CASE("session: pay hands one order to the host; paying again resends the same key") {
    RenewalSession s = at_confirm();
    REQUIRE(s.order());
    CHECK(s.order()->state == OrderState::draft);
    REQUIRE(s.preview());
    s.take_requests();
    s.take_events();
    REQUIRE(s.pay(kNow, kEntropy));
    CHECK(s.step() == Step::pay);
    const auto requests = s.take_requests();
    REQUIRE(of_kind(requests, "persist").size() == 1);
    const json record = json::parse(of_kind(requests, "persist")[0].json);
    CHECK(record["record"].get<std::string>().find(std::string(kIccid)) == std::string::npos);
    const json order = json::parse(of_kind(requests, "pay")[0].json)["order"];
    CHECK(order["total"]["minor"] == 1980);
    CHECK(order["total"]["value"] == "1980");
    CHECK(order["card"]["maskedId"].get<std::string>().find("8905") != std::string::npos);
    CHECK(order["card"]["maskedId"].get<std::string>().find("89811") == std::string::npos);
    const auto events = s.take_events();
    CHECK(std::any_of(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "paymentrequest"; }));
    for (const auto& e : events) CHECK(e.json.find(std::string(kIccid)) == std::string::npos);

    // A double click, a Cancel and Pay again, a timeout and Try again: the same order and key each time.
    REQUIRE(s.pay(kNow + 1, kEntropy2));
    CHECK(pay_request(s)["idempotencyKey"] == order["idempotencyKey"]);
    s.leave_payment();
    CHECK(s.step() == Step::confirm);
    s.set_quantity("sakura-30d-20gb", 1);  // the basket cannot change while money may be moving
    CHECK(s.notice()->message_id == "session.payment_in_progress");
    CHECK(s.chosen().count("sakura-30d-20gb") == 0);
    s.apply_payment_answer(json{{"type", "payment-unanswered"}, {"orderId", order["orderId"]}, {"reason", "timeout"}}.dump(), kNow);
    CHECK(s.payment_problem()->message_id == "ui.pay.timeout");
    REQUIRE(s.retry_payment(kNow + 2, kEntropy2));
    CHECK(pay_request(s)["idempotencyKey"] == order["idempotencyKey"]);
}

TEST_CASE("session: results for another order, amount or currency are refused; success renews once") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    s.take_events();
    json other = order;
    other["orderId"] = "TR-AAAA-BBBB";
    s.apply_payment_answer(result_message(other, "succeeded"), kNow);
    CHECK(s.order()->state == OrderState::awaiting_payment);  // not ours: ignored
    s.apply_payment_answer(result_message(order, "succeeded", {{"total", {{"currency", "JPY"}, {"minor", 1}}}}), kNow);
    CHECK(s.order()->state == OrderState::awaiting_payment);
    auto events = s.take_events();
    REQUIRE(events.size() == 1);
    CHECK(events[0].name == "error");
    s.apply_payment_answer(result_message(order, "succeeded", {{"total", {{"currency", "USD"}, {"minor", 1980}}}}), kNow);
    CHECK(s.order()->state == OrderState::awaiting_payment);
    s.apply_payment_answer(result_message(order, "succeeded", {{"reference", "pi_1"}, {"newExpiry", "2026-11-28T14:59:59Z"}}), kNow + 5);
    CHECK(s.order()->state == OrderState::renewed);
    CHECK(s.step() == Step::result);
    events = s.take_events();
    const auto renewed = std::find_if(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "renewed"; });
    REQUIRE(renewed != events.end());
    const json detail = json::parse(renewed->json);
    CHECK(detail["reference"] == "pi_1");
    CHECK(detail["total"]["minor"] == 1980);
    CHECK(renewed->json.find(std::string(kIccid)) == std::string::npos);
    // A late copy of the same result changes nothing; the receipt and reminder download.
    s.apply_payment_answer(result_message(order, "succeeded", {{"reference", "pi_1"}, {"newExpiry", "2026-11-28T14:59:59Z"}}), kNow + 6);
    CHECK(s.take_events().empty());
    s.take_requests();
    CHECK(s.download_receipt());
    CHECK(s.download_reminder(kNow + 7));
    const auto downloads = of_kind(s.take_requests(), "download");
    REQUIRE(downloads.size() == 2);
    CHECK(json::parse(downloads[1].json)["text"].get<std::string>().starts_with("BEGIN:VCALENDAR"));
    CHECK_FALSE(s.can_go_back());
    CHECK_FALSE(s.pay(kNow + 8, kEntropy2));
}

// Found by fuzz_bridge_messages (seed crash-394f2537...): a host whose payment result quotes the card number (here
// inside its orderId) had it echoed, unmasked, in the error event; and a decline reason the same in `failed`.
TEST_CASE("session: a host that quotes the card number back gets it masked in every event") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    s.take_events();
    s.apply_payment_answer(json{{"type", "payment-result"}, {"orderId", order["orderId"]},
                                {"result", {{"orderId", "TR-0" + std::string(kIccid) + "HM-ASW9"}, {"status", "pending"}}}}
                               .dump(),
                           kNow);
    s.apply_payment_answer(result_message(order, "failed", {{"reason", "card " + std::string(kIccid) + " declined"}}), kNow);
    const auto events = s.take_events();
    REQUIRE(events.size() >= 2);
    const std::string masked = s.identifier().masked;
    CHECK(events[0].name == "error");
    CHECK(events[0].json.find(masked) != std::string::npos);  // the host's words are still quoted, masked
    for (const auto& e : events) {
        INFO(e.name, " ", e.json);
        CHECK(e.json.find(std::string(kIccid)) == std::string::npos);
        CHECK_FALSE(json::parse(e.json, nullptr, false).is_discarded());
    }
    CHECK(std::any_of(events.begin(), events.end(), [&](const HostEvent& e) {
        return e.name == "failed" && e.json.find("card " + masked + " declined") != std::string::npos;
    }));
    for (const auto& r : s.take_requests()) CHECK(r.json.find(std::string(kIccid)) == std::string::npos);
}

TEST_CASE("session: a decline keeps everything and a retry is a new attempt with a new key") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const json first = pay_request(s);
    s.apply_payment_answer(result_message(first, "failed", {{"reason", "card_declined"}}), kNow);
    CHECK(s.order()->state == OrderState::failed);
    CHECK(s.step() == Step::result);
    const auto events = s.take_events();
    CHECK(std::any_of(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "failed"; }));
    CHECK(s.chosen().at("sakura-7d-5gb") == 1);
    CHECK(s.identifier_text() == kIccid);
    REQUIRE(s.retry_payment(kNow + 1, kEntropy2));
    const json second = pay_request(s);
    CHECK(second["orderId"] == first["orderId"]);
    CHECK(second["idempotencyKey"] != first["idempotencyKey"]);
}

TEST_CASE("session: pending keeps checking with the host") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    s.take_events();
    s.apply_payment_answer(result_message(order, "pending", {{"reference", "pi_2"}}), kNow);
    CHECK(s.order()->state == OrderState::pending);
    CHECK(s.waiting_for_host());
    CHECK(s.step() == Step::result);
    // The host hears that the payment is pending: which order, its reference and the card, masked.
    auto events = s.take_events();
    const auto pending = std::find_if(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "pending"; });
    REQUIRE(pending != events.end());
    const json detail = json::parse(pending->json);
    CHECK(detail["orderId"] == order["orderId"]);
    CHECK(detail["reference"] == "pi_2");
    CHECK(detail["card"]["kind"] == "sim");
    CHECK(detail["card"]["maskedId"] == "•••••••••••••••8905");
    CHECK(pending->json.find(std::string(kIccid)) == std::string::npos);
    CHECK(std::none_of(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "renewed" || e.name == "failed"; }));
    // The same pending answer again is no new event.
    s.apply_payment_answer(result_message(order, "pending", {{"reference", "pi_2"}}), kNow + 1);
    events = s.take_events();
    CHECK(std::none_of(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "pending"; }));
    s.take_requests();
    s.check_payment_status();
    CHECK(of_kind(s.take_requests(), "payment-status").size() == 1);
    s.apply_payment_answer(result_message(order, "succeeded", {{"reference", "pi_2"}}), kNow + 60);
    CHECK(s.order()->state == OrderState::renewed);
}

TEST_CASE("session: tick re-asks the host every kPendingRecheckSeconds while pending, and only then") {
    RenewalSession s = at_confirm();
    s.tick(kNow);  // not waiting on a payment: nothing to ask
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    s.apply_payment_answer(result_message(order, "pending", {{"reference", "pi_2"}}), kNow);
    REQUIRE(s.step() == Step::result);
    s.take_requests();
    s.tick(kNow);  // the first tick on the result screen starts the count and asks nothing
    CHECK(of_kind(s.take_requests(), "payment-status").empty());
    s.tick(kNow + kPendingRecheckSeconds - 1);
    CHECK(of_kind(s.take_requests(), "payment-status").empty());
    s.tick(kNow + kPendingRecheckSeconds);
    CHECK(of_kind(s.take_requests(), "payment-status").size() == 1);
    // "Check now" asks at once and the count starts again from then.
    s.recheck_payment_now(kNow + kPendingRecheckSeconds + 5);
    CHECK(of_kind(s.take_requests(), "payment-status").size() == 1);
    s.tick(kNow + 2 * kPendingRecheckSeconds);
    CHECK(of_kind(s.take_requests(), "payment-status").empty());
    s.tick(kNow + 2 * kPendingRecheckSeconds + 5);
    CHECK(of_kind(s.take_requests(), "payment-status").size() == 1);
    s.apply_payment_answer(result_message(order, "succeeded", {{"reference", "pi_2"}}), kNow + 60);
    s.take_requests();
    s.tick(kNow + 600);  // renewed: nothing more to ask
    CHECK(of_kind(s.take_requests(), "payment-status").empty());
}

TEST_CASE("session: choose_items replaces the basket and chosen_is tells whether it is that basket") {
    RenewalSession s = at_confirm();
    s.back();
    REQUIRE(s.step() == Step::choose);
    s.set_trip_days(10);
    s.set_mb_per_day(1024);
    const auto& rec = s.recommendation();
    REQUIRE(rec.ok());
    REQUIRE(rec->best);
    const std::vector<PlanQuantity> best = rec->best->items;
    CHECK_FALSE(s.chosen_is(best));
    s.choose_items(best);
    CHECK(s.chosen_is(best));
    CHECK(s.chosen().size() == best.size());
    std::vector<PlanQuantity> more = best;
    more.front().quantity += 1;
    CHECK_FALSE(s.chosen_is(more));
    s.choose_items(more);
    CHECK(s.chosen_is(more));
    CHECK(s.chosen().at(more.front().plan->id) == more.front().quantity);
}

TEST_CASE("session: after a reload the pending order comes back and the host is asked first") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const auto requests = s.take_requests();
    const std::string record = json::parse(of_kind(requests, "persist")[0].json)["record"];
    const json order = json::parse(of_kind(requests, "pay")[0].json)["order"];

    RenewalSession reloaded(shared_sample(), host_options());
    reloaded.take_requests();
    reloaded.apply_restored_record(record, kNow + 30);
    REQUIRE(reloaded.order());
    CHECK(reloaded.order()->id == order["orderId"]);
    CHECK(reloaded.waiting_for_host());
    CHECK(reloaded.step() == Step::result);
    const auto asks = of_kind(reloaded.take_requests(), "payment-status");
    REQUIRE(asks.size() == 1);
    CHECK(json::parse(asks[0].json)["order"]["idempotencyKey"] == order["idempotencyKey"]);
    reloaded.start_over();
    CHECK(reloaded.notice()->message_id == "session.payment_in_progress");
    CHECK(reloaded.order().has_value());

    RenewalSession foreign(shared_sample(), SessionOptions{.page_origin = "https://other.example"});
    foreign.take_requests();
    foreign.apply_restored_record(record, kNow);
    CHECK_FALSE(foreign.order().has_value());
    CHECK(of_kind(foreign.take_requests(), "forget").size() == 1);
    RenewalSession corrupt(shared_sample(), host_options());
    corrupt.take_requests();
    corrupt.apply_restored_record("{\"format\":", kNow);
    CHECK_FALSE(corrupt.order().has_value());
    const auto events = corrupt.take_events();
    REQUIRE(events.size() == 1);
    CHECK(events[0].name == "error");
}

TEST_CASE("session: without onPayment the confirm step says so instead of paying") {
    RenewalSession s(shared_sample(), host_options(false, false));
    s.set_identifier_text("TW-20261128");
    s.submit_identifier(kNow);
    s.continue_from_payment_methods();
    s.choose_only("tabi-wifi-ext-3d");
    REQUIRE(s.continue_to_confirm(kNow));
    CHECK_FALSE(s.pay(kNow, kEntropy));
    CHECK(s.notice()->message_id == "ui.pay.unavailable");
    CHECK(s.step() == Step::confirm);
}

TEST_CASE("session: a second attempt declined for the same reason is told apart by the bridge's key") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const json first = pay_request(s);
    const auto declined = [](const json& order) {
        return json{{"type", "payment-result"}, {"orderId", order["orderId"]}, {"idempotencyKey", order["idempotencyKey"]},
                    {"result", {{"orderId", order["orderId"]}, {"status", "failed"}, {"reason", "card_declined"}}}}.dump();
    };
    s.apply_payment_answer(declined(first), kNow);
    REQUIRE(s.order()->state == OrderState::failed);
    REQUIRE(s.retry_payment(kNow + 1, kEntropy2));
    const json second = pay_request(s);
    s.take_events();
    s.apply_payment_answer(declined(first), kNow + 2);  // a late copy of the first answer: refused
    CHECK(s.order()->state == OrderState::awaiting_payment);
    s.apply_payment_answer(declined(second), kNow + 3);  // the same words, for the second attempt: applied
    CHECK(s.order()->state == OrderState::failed);
    CHECK(s.order()->attempt == 2);
    CHECK(s.step() == Step::result);
    // A timeout reported for the first attempt says nothing about the second.
    REQUIRE(s.retry_payment(kNow + 4, "aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd11"));
    pay_request(s);
    s.apply_payment_answer(json{{"type", "payment-unanswered"}, {"orderId", first["orderId"]},
                                {"idempotencyKey", first["idempotencyKey"]}, {"reason", "timeout"}}.dump(), kNow + 5);
    CHECK_FALSE(s.payment_problem().has_value());
}

TEST_CASE("session: the headless order() builds the order the widget hands the host, byte for byte") {
    for (const Locale locale : {Locale::en, Locale::ja}) {
        CAPTURE(locale_tag(locale));
        RenewalSession s = at_confirm("sakura-7d-5gb", locale);
        REQUIRE(s.pay(kNow, kEntropy));
        const json widget_order = pay_request(s);
        const json answer = json::parse(call_core_api(
            "order", json{{"selection", json::array({{{"planId", "sakura-7d-5gb"}, {"quantity", 1}}})},
                          {"card", kIccid},
                          {"locale", locale_tag(locale)},
                          {"now", kNow},
                          {"entropy", kEntropy}}
                         .dump()));
        REQUIRE(answer.contains("order"));
        CHECK(answer["order"].dump() == widget_order.dump());
        CHECK(answer["order"]["idempotencyKey"].get<std::string>().size() == 36);
        CHECK(answer["order"]["paymentRequest"]["total"]["amount"]["value"].is_string());
    }
}

namespace {

// A status answer from the bridge: the host's answer to "what became of this order?" for the key it was asked.
std::string status_message(const json& order, std::string status, json extra = json::object()) {
    json result = {{"orderId", order["orderId"]}, {"status", status}};
    result.update(extra);
    return json{{"type", "payment-result"}, {"via", "status"}, {"orderId", order["orderId"]},
                {"idempotencyKey", order["idempotencyKey"]}, {"result", result}}.dump();
}

// Pays at_confirm()'s order and has it declined; returns the session, the order handed over and the last record.
struct Declined {
    RenewalSession session;
    json order;
    std::string record;
};
Declined declined_order(std::string_view plan) {
    RenewalSession s = at_confirm(plan);
    s.set_quantity(plan, 2);
    REQUIRE(s.continue_to_confirm(kNow));
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    s.apply_payment_answer(result_message(order, "failed", {{"reason", "card_declined"}}), kNow + 5);
    REQUIRE(s.order()->state == OrderState::failed);
    const auto persisted = of_kind(s.take_requests(), "persist");
    REQUIRE_FALSE(persisted.empty());
    return {std::move(s), order, json::parse(persisted.back().json)["record"]};
}

// A fresh session after a reload, given the stored record (its requests after the restore left to the caller).
RenewalSession reloaded_with(std::string_view record, UnixSeconds now) {
    RenewalSession s(shared_sample(), host_options());
    s.take_requests();
    s.apply_restored_record(record, now);
    return s;
}

}  // namespace

TEST_CASE("session: after a reload a declined order comes back with the choice kept, and is paid again once the host "
          "confirms nothing moved") {
    Declined d = declined_order("sakura-30d-20gb");
    RenewalSession reloaded = reloaded_with(d.record, kNow + 60);
    REQUIRE(reloaded.order());
    CHECK(reloaded.order()->id == d.order["orderId"]);
    CHECK(reloaded.order()->state == OrderState::failed);
    CHECK(reloaded.chosen() == std::map<std::string, int>{{"sakura-30d-20gb", 2}});
    CHECK(reloaded.step() == Step::result);
    CHECK(reloaded.checking_restored_order());
    // The record may be older than the host's books: it is asked first, under the recorded key.
    const auto asks = of_kind(reloaded.take_requests(), "payment-status");
    REQUIRE(asks.size() == 1);
    CHECK(json::parse(asks[0].json)["order"]["idempotencyKey"] == d.order["idempotencyKey"]);
    // Until it answers, nothing is paid or changed: Pay asks again and says why.
    CHECK_FALSE(reloaded.pay(kNow + 61, kEntropy2));
    CHECK(reloaded.notice()->message_id == "session.checking_restored");
    auto again = reloaded.take_requests();
    CHECK(of_kind(again, "pay").empty());
    CHECK(of_kind(again, "payment-status").size() == 1);
    reloaded.choose_only("sakura-1d-1gb");
    CHECK(reloaded.chosen() == std::map<std::string, int>{{"sakura-30d-20gb", 2}});
    // An answer nobody asked for (not the status call) cannot settle it.
    reloaded.apply_payment_answer(result_message(d.order, "succeeded"), kNow + 62);
    CHECK(reloaded.order()->state == OrderState::failed);
    CHECK(reloaded.checking_restored_order());
    // The host: still declined. A new attempt of the same order, under a new key.
    reloaded.apply_payment_answer(status_message(d.order, "failed", {{"reason", "card_declined"}}), kNow + 63);
    CHECK_FALSE(reloaded.checking_restored_order());
    REQUIRE(reloaded.pay(kNow + 64, kEntropy2));
    const json second = pay_request(reloaded);
    CHECK(second["orderId"] == d.order["orderId"]);
    CHECK(second["idempotencyKey"] != d.order["idempotencyKey"]);
    CHECK(second["items"][0]["planId"] == "sakura-30d-20gb");
    CHECK(second["items"][0]["quantity"] == 2);
}

TEST_CASE("session: storage rolled back to a declined record after a later attempt was charged: the charge is shown, "
          "never made again") {
    Declined d = declined_order("sakura-7d-5gb");
    RenewalSession reloaded = reloaded_with(d.record, kNow + 60);
    reloaded.take_requests();
    reloaded.take_events();
    // The host's books hold a later attempt of this order that succeeded.
    reloaded.apply_payment_answer(
        status_message(d.order, "succeeded", {{"reference", "pi_later"}, {"total", d.order["total"]}}), kNow + 61);
    REQUIRE(reloaded.order());
    CHECK(reloaded.order()->state == OrderState::renewed);
    CHECK(reloaded.order()->host_reference == "pi_later");
    CHECK(reloaded.step() == Step::result);
    const auto events = reloaded.take_events();
    CHECK(std::any_of(events.begin(), events.end(), [](const HostEvent& e) { return e.name == "renewed"; }));
    CHECK_FALSE(reloaded.pay(kNow + 62, kEntropy2));
    CHECK(of_kind(reloaded.take_requests(), "pay").empty());
}

TEST_CASE("session: a declined order replaced by another basket takes its record with it") {
    Declined d = declined_order("sakura-7d-5gb");
    d.session.choose_only("sakura-1d-1gb");
    CHECK(of_kind(d.session.take_requests(), "forget").size() == 1);
    CHECK_FALSE(d.session.order().has_value());
}

TEST_CASE("session: storage that will not keep the order is said to the traveller until a record is written") {
    RenewalSession s = at_confirm();
    CHECK_FALSE(s.storage_notice().has_value());
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    s.set_storage_saved(false);  // the bridge: "persist" could not write
    REQUIRE(s.storage_notice().has_value());
    CHECK(s.storage_notice()->message_id == "session.storage_unavailable");
    CHECK(s.storage_notice()->severity == Severity::warning);
    CHECK(s.waiting_for_host());  // payment goes on from memory
    s.set_storage_saved(true);    // a later record was written
    CHECK_FALSE(s.storage_notice().has_value());
    s.set_storage_saved(false);
    s.apply_payment_answer(result_message(order, "succeeded"), kNow + 5);
    CHECK(s.order()->state == OrderState::renewed);
    CHECK_FALSE(s.storage_notice().has_value());  // settled: nothing left to lose
}

TEST_CASE("session: a host that answers pending for ever: after ten minutes the traveller is told what to do, and "
          "nothing else can be paid") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const json order = pay_request(s);
    // The host never saw this key and still answers "pending" (docs/host-api.md asks for "cancelled").
    s.apply_payment_answer(result_message(order, "pending"), kNow + 1);
    REQUIRE(s.order()->state == OrderState::pending);
    REQUIRE(s.step() == Step::result);
    for (UnixSeconds t = kNow + 2; t < kNow + 2 + kPendingTooLongSeconds; t += kPendingRecheckSeconds) {
        s.tick(t);
        s.apply_payment_answer(result_message(order, "pending"), t);
        CHECK_FALSE(s.pending_too_long(t).has_value());
    }
    const UnixSeconds later = kNow + 2 + kPendingTooLongSeconds;
    s.tick(later);
    const auto note = s.pending_too_long(later);
    REQUIRE(note.has_value());
    CHECK(note->message_id == "session.pending_too_long");
    CHECK(note->arg("id") == order["orderId"]);
    CHECK(note->arg("minutes") == "10");
    // Money may still move under that key: no new attempt, and the checks go on.
    CHECK(s.pay(later, kEntropy2));  // resends the same order (same key), never a new one
    CHECK(pay_request(s)["idempotencyKey"] == order["idempotencyKey"]);
    s.apply_payment_answer(result_message(order, "succeeded"), later + 1);
    CHECK(s.order()->state == OrderState::renewed);
    CHECK_FALSE(s.pending_too_long(later + 1).has_value());
}

TEST_CASE("session: an order restored as awaiting payment and declined: a status answer is final, a replayed "
          "payment answer is checked once") {
    RenewalSession s = at_confirm();
    s.pay(kNow, kEntropy);
    const auto requests = s.take_requests();
    const std::string record = json::parse(of_kind(requests, "persist")[0].json)["record"];
    const json order = json::parse(of_kind(requests, "pay")[0].json)["order"];
    const auto declined_via = [&](std::string via) {
        return json{{"type", "payment-result"}, {"via", via}, {"orderId", order["orderId"]},
                    {"idempotencyKey", order["idempotencyKey"]},
                    {"result", {{"orderId", order["orderId"]}, {"status", "failed"}, {"reason", "card_declined"}}}}.dump();
    };

    // A session after a reload with that record, the host already asked what became of the order.
    const auto restored = [&] {
        RenewalSession r = reloaded_with(record, kNow + 30);
        r.take_requests();
        return r;
    };

    RenewalSession by_status = restored();
    by_status.apply_payment_answer(declined_via("status"), kNow + 31);
    CHECK(by_status.order()->state == OrderState::failed);
    CHECK_FALSE(by_status.checking_restored_order());
    CHECK(of_kind(by_status.take_requests(), "payment-status").empty());

    // A decline that answers a payment hand-over may be the host replaying an older attempt: asked once more.
    RenewalSession by_payment = restored();
    by_payment.apply_payment_answer(declined_via("payment"), kNow + 31);
    CHECK(by_payment.order()->state == OrderState::failed);
    CHECK(by_payment.checking_restored_order());
    CHECK(of_kind(by_payment.take_requests(), "payment-status").size() == 1);
    by_payment.apply_payment_answer(declined_via("status"), kNow + 32);
    CHECK_FALSE(by_payment.checking_restored_order());
}
