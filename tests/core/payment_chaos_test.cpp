// Model-based payment chaos (issue 15): random sequences of traveller actions, host answers, reloads and clock
// jumps run against RenewalSession and a sandbox provider that honours idempotency keys as Stripe does, with the
// money invariants checked after every step. Each episode is a list of events drawn from its seed up front, so a
// failing episode is replayed exactly, shrunk (events dropped while it still fails) and printed with its seed.
//
// The host is a correct one (docs/host-api.md): onPayment charges with order.idempotencyKey, onPaymentStatus
// answers by order id (a success of any attempt wins; an attempt the provider has not seen is voided, so that it
// can never be charged later, and answered as declined).
// Everything else may go wrong: requests and answers are delayed, reordered, duplicated, lost (timeouts) and
// answered late; answers for another order, amount or currency and garbage come in; the page reloads from the
// current record, an older one (storage rolled back) or a corrupt one; the clock jumps back and forth.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/core_api.h"
#include "core/session.h"
#include "sample_catalog.h"
#include "splitmix64.h"

using namespace tabi;
using json = nlohmann::json;
using test::shared_sample;

namespace {

constexpr UnixSeconds kStart = 1'795'000'000;  // 2026-11-18 (UTC)
constexpr std::string_view kIccid = "8981100012345678905";
constexpr int kEpisodes = 10'000;  // TABI_CHAOS_EPISODES overrides (a longer hunt, or a quick replay)
constexpr int kEventsPerEpisode = 32;
const char* const kPlans[] = {"sakura-1d-1gb", "sakura-7d-5gb", "sakura-30d-20gb", "sakura-pack-3gb"};

std::string hex_of(std::uint64_t seed, std::size_t digits) {
    test::SplitMix64 r{seed};
    std::string out;
    while (out.size() < digits) out += "0123456789abcdef"[r.next() & 15];
    return out;
}

std::string string_member(const json& j, const char* name) {
    const auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// --- the sandbox provider -------------------------------------------------------------------------------------

enum class Outcome { succeed, decline, cancel, pending_then_succeed, pending_then_decline };

struct Attempt {
    std::string order_id;
    std::string key;
    std::int64_t minor = 0;
    std::string currency;
    Outcome outcome = Outcome::succeed;
    bool settled = true;  // false while a pending attempt has not settled
    std::string reference;
};

// Stripe's idempotency: the first request with a key decides, every later one with the same key replays that
// answer, and the same key with other parameters is refused (here: an invariant failure, the widget reused it).
class Sandbox {
public:
    std::vector<Attempt> attempts;
    std::string violation;

    json charge(const json& order, Outcome outcome) {
        const std::string key = string_member(order, "idempotencyKey");
        const std::string id = string_member(order, "orderId");
        const std::int64_t minor = order["total"]["minor"].get<std::int64_t>();
        const std::string currency = order["total"]["currency"].get<std::string>();
        if (Attempt* a = find(key)) {
            if (a->order_id != id || a->minor != minor || a->currency != currency)
                violation = "idempotency key " + key + " reused for another order, amount or currency";
            return answer(*a);
        }
        // One charge per order (docs/host-api.md "What the host must do"): an attempt of this order that succeeded
        // or is still under way answers in place of a new one. The widget never sends a second key while one may
        // be moving, but storage rolled back to an older declined record can make it (a later attempt's record
        // was lost, and its request may still be on its way).
        for (const Attempt& other : attempts)
            if (other.order_id == id && (other.settled ? is_charge(other) : true)) {
                json r = answer(other);
                r["idempotencyKey"] = other.key;
                return r;
            }
        Attempt a{id, key, minor, currency, outcome, !(outcome == Outcome::pending_then_succeed ||
                                                       outcome == Outcome::pending_then_decline),
                  "pi_" + std::to_string(attempts.size() + 1)};
        attempts.push_back(a);
        return answer(attempts.back());
    }

    // What became of the order (onPaymentStatus, by order id: the host's books may be newer than the record
    // the widget restored, docs/host-api.md "After a reload").
    json status(const json& order) {
        const std::string id = string_member(order, "orderId");
        for (const Attempt& a : attempts)
            if (a.order_id == id && is_charge(a) && a.settled) return answer(a);
        // An attempt of this order still under way answers with its own key: that is the one to ask about.
        for (const Attempt& a : attempts)
            if (a.order_id == id && !a.settled && a.key != string_member(order, "idempotencyKey")) {
                json r = answer(a);
                r["idempotencyKey"] = a.key;
                return r;
            }
        const std::string key = string_member(order, "idempotencyKey");
        if (const Attempt* a = find(key)) return answer(*a);
        // Never seen: the host voids the key, so a request still on its way is answered with this decline and
        // charges nothing, and the traveller may safely try again with a new key.
        attempts.push_back({id, key, order["total"]["minor"].get<std::int64_t>(),
                            order["total"]["currency"].get<std::string>(), Outcome::decline, true,
                            "void_" + std::to_string(attempts.size() + 1)});
        return answer(attempts.back());
    }

    void settle(std::size_t index) {
        if (index < attempts.size()) attempts[index].settled = true;
    }
    void settle_all() {
        for (Attempt& a : attempts) a.settled = true;
    }

    static bool is_charge(const Attempt& a) {
        return a.outcome == Outcome::succeed || a.outcome == Outcome::pending_then_succeed;
    }
    // Succeeded, or pending and able to succeed: money that is or may be taken.
    int charges_for(const std::string& order_id, bool counting_pending) const {
        int n = 0;
        for (const Attempt& a : attempts)
            if (a.order_id == order_id && (a.settled ? is_charge(a) : counting_pending)) ++n;
        return n;
    }
    std::set<std::string> charged_orders() const {
        std::set<std::string> out;
        for (const Attempt& a : attempts)
            if (a.settled && is_charge(a)) out.insert(a.order_id);
        return out;
    }

    bool seen(const std::string& key) const {
        return std::any_of(attempts.begin(), attempts.end(), [&](const Attempt& a) { return a.key == key; });
    }

private:
    Attempt* find(const std::string& key) {
        for (Attempt& a : attempts)
            if (a.key == key) return &a;
        return nullptr;
    }
    static json answer(const Attempt& a) {
        json r = {{"orderId", a.order_id}, {"reference", a.reference},
                  {"total", {{"currency", a.currency}, {"minor", a.minor}}}};
        if (!a.settled) r["status"] = "pending";
        else if (is_charge(a)) r["status"] = "succeeded";
        else if (a.outcome == Outcome::decline) r.update({{"status", "failed"}, {"reason", "card_declined"}});
        else r["status"] = "cancelled";
        return r;
    }
};

// --- events ---------------------------------------------------------------------------------------------------

enum class Ev {
    pay, double_pay, retry, back, leave_payment, start_over, change_plan, check_status,
    deliver_request, deliver_answer, duplicate_answer, timeout, foreign_answer, settle,
    reload, reload_older, reload_corrupt, clock_jump, count
};
const char* const kEventNames[] = {
    "pay", "double_pay", "retry", "back", "leave_payment", "start_over", "change_plan", "check_status",
    "deliver_request", "deliver_answer", "duplicate_answer", "timeout", "foreign_answer", "settle",
    "reload", "reload_older", "reload_corrupt", "clock_jump"};
// How often each event is drawn: the host's side and the network a little more often than the traveller.
const int kEventWeights[] = {8, 3, 4, 2, 2, 2, 3, 3, 10, 10, 3, 3, 4, 3, 3, 1, 1, 2};
static_assert(std::size(kEventNames) == static_cast<std::size_t>(Ev::count));
static_assert(std::size(kEventWeights) == static_cast<std::size_t>(Ev::count));

struct Event {
    Ev kind;
    std::uint64_t param;  // everything the event chooses comes from here
};

std::vector<Event> events_for_seed(std::uint64_t seed) {
    test::SplitMix64 r{seed};
    int total = 0;
    for (int w : kEventWeights) total += w;
    std::vector<Event> out;
    for (int i = 0; i < kEventsPerEpisode; ++i) {
        int pick = r.below(total);
        std::size_t k = 0;
        while (pick >= kEventWeights[k]) pick -= kEventWeights[k++];
        out.push_back({static_cast<Ev>(k), r.next()});
    }
    return out;
}

// --- one episode ----------------------------------------------------------------------------------------------


SessionOptions options() {
    SessionOptions o;
    o.can_pay = true;
    o.page_origin = "https://shop.example";
    return o;
}

struct HostCall {
    bool status = false;  // onPaymentStatus rather than onPayment
    json order;
    int page = 0;
};

struct Answer {
    std::string message;  // the bridge's message into the wasm
    int page = 0;
};

struct Stats {
    long charges = 0;
    long double_charges = 0;
    long lost_orders = 0;
    long destroyed_records = 0;  // charged orders whose record the storage corrupted or rolled back
    long recovered_after_rollback = 0;  // charged orders reloaded from an older record of their own, shown renewed
};

class Episode {
public:
    explicit Episode(std::uint64_t salt) : salt_(salt) { open_page(std::nullopt); }

    // Runs the events, then lets everything settle; returns the first broken invariant ("" when none).
    std::string run(const std::vector<Event>& events, Stats* stats) {
        for (const Event& e : events) {
            step(e);
            if (!failure_.empty()) return failure_;
        }
        settle_everything();
        if (!failure_.empty()) return failure_;
        const auto charged = sandbox_.charged_orders();
        long lost = 0;
        for (const std::string& id : charged) {
            if (sandbox_.charges_for(id, false) > 1) return "order " + id + " charged twice";
            if (!renewed_.count(id) && !destroyed_.count(id)) ++lost;
        }
        if (lost) return std::to_string(lost) + " order(s) charged and never shown renewed";
        if (stats) {
            stats->charges += static_cast<long>(charged.size());
            for (const std::string& id : charged) {
                if (destroyed_.count(id) && !renewed_.count(id)) ++stats->destroyed_records;
                if (rolled_back_.count(id) && !destroyed_.count(id)) ++stats->recovered_after_rollback;
            }
        }
        return "";
    }

private:
    std::string entropy() { return hex_of(salt_ * 1'000'003 + ++entropy_count_, kOrderEntropyHexDigits); }

    void open_page(std::optional<std::string> record) {
        ++page_;
        session_ = std::make_unique<RenewalSession>(shared_sample(), options());
        drain();
        if (record) session_->apply_restored_record(*record, now_);
        drain();
        if (!session_->order()) walk_to_confirm(kPlans[1]);
    }

    void walk_to_confirm(const char* plan) {
        auto& s = *session_;
        if (s.step() == Step::identify) {
            s.set_identifier_text(std::string(kIccid));
            s.submit_identifier(now_);
        }
        if (s.step() == Step::device) {
            s.choose_device(0);
            s.continue_from_device();
        }
        if (s.step() == Step::payment_methods) s.continue_from_payment_methods();
        s.choose_only(plan);
        s.continue_to_confirm(now_);
        drain();
    }

    // The bridge serves the session's requests; events tell who saw what.
    void drain() {
        for (BridgeRequest& r : session_->take_requests()) {
            const json body = json::parse(r.json, nullptr, false);
            if (r.kind == BridgeRequestKind::persist) {
                storage_ = string_member(body, "record");
                history_.push_back(*storage_);
            } else if (r.kind == BridgeRequestKind::forget) {
                storage_.reset();
            } else if (r.kind == BridgeRequestKind::pay || r.kind == BridgeRequestKind::payment_status) {
                calls_.push_back({r.kind == BridgeRequestKind::payment_status, body["order"], page_});
                if (r.kind == BridgeRequestKind::pay) check_pay_request(body["order"]);
            }
        }
        for (HostEvent& e : session_->take_events()) {
            if (e.name != "renewed") continue;
            const std::string id = string_member(json::parse(e.json), "orderId");
            if (sandbox_.charges_for(id, false) == 0) fail("renewed event for " + id + " without a charge");
            renewed_.insert(id);
        }
    }

    void check_pay_request(const json& order) {
        const auto& o = session_->order();
        if (!o || string_member(order, "orderId") != o->id || string_member(order, "idempotencyKey") != o->idempotency_key)
            fail("pay request for an order the session does not hold");
    }

    void fail(std::string what) {
        if (failure_.empty()) failure_ = std::move(what);
    }

    std::string answer_message(const HostCall& call, const json& result) const {
        return json{{"type", "payment-result"}, {"via", call.status ? "status" : "payment"},
                    {"orderId", call.order["orderId"]}, {"idempotencyKey", call.order["idempotencyKey"]},
                    {"result", result}}.dump();
    }

    static Outcome outcome_of(std::uint64_t p) {
        switch (p % 8) {
            case 0: case 1: case 2: return Outcome::succeed;
            case 3: case 4: return Outcome::decline;
            case 5: return Outcome::cancel;
            case 6: return Outcome::pending_then_succeed;
            default: return Outcome::pending_then_decline;
        }
    }

    // A host call reaches the host; its answer travels back (and may be lost, late or repeated).
    void deliver_call(std::size_t index, std::uint64_t p) {
        HostCall call = calls_[index];
        calls_.erase(calls_.begin() + static_cast<std::ptrdiff_t>(index));
        const json result = call.status ? sandbox_.status(call.order) : sandbox_.charge(call.order, outcome_of(p));
        if (!sandbox_.violation.empty()) fail(sandbox_.violation);
        answers_.push_back({answer_message(call, result), call.page});
    }

    void deliver_answer(std::size_t index, bool keep_a_copy) {
        Answer a = answers_[index];
        if (!keep_a_copy) answers_.erase(answers_.begin() + static_cast<std::ptrdiff_t>(index));
        if (a.page != page_) return;  // that page is gone with its promises
        session_->apply_payment_answer(a.message, now_);
    }

    // Something the widget must refuse, leaving the order exactly as it was.
    void foreign_answer(std::uint64_t p) {
        const auto& o = session_->order();
        if (!o || o->id.empty()) return;
        const std::string id = o->id;
        json result = {{"orderId", id}, {"status", "succeeded"}, {"reference", "forged"},
                       {"total", {{"currency", o->total.currency}, {"minor", o->total.minor}}}};
        json envelope = {{"type", "payment-result"}, {"orderId", id}, {"idempotencyKey", o->idempotency_key}};
        std::string text;
        switch (p % 7) {
            case 0: result["orderId"] = envelope["orderId"] = "TR-ZZZZ-ZZZZ"; break;
            case 1: result["total"]["minor"] = o->total.minor + 1 + static_cast<std::int64_t>(p % 1000); break;
            case 2: result["total"]["currency"] = o->total.currency == "USD" ? "JPY" : "USD"; break;
            case 3: result["status"] = "refunded"; break;
            case 4: result = "OK"; break;
            case 5: result["idempotencyKey"] = hex_of(p, 8) + "-0000-4000-8000-000000000000"; break;
            default: text = "{\"type\":\"payment-result\",\"orderId\":\"" + id + "\",\"result\":{\"status\""; break;
        }
        if (text.empty()) envelope["result"] = result, text = envelope.dump();
        const Order before = *o;
        session_->apply_payment_answer(text, now_);
        const auto& after = session_->order();
        if (!after || after->state != before.state || after->idempotency_key != before.idempotency_key ||
            after->host_reference != before.host_reference)
            fail("a refused answer changed the order");
    }

    // `current`: the record is the one the last page wrote (not rolled back, not corrupt), so nothing may be lost.
    void reload(std::optional<std::string> record, bool current) {
        const std::optional<Order> before = session_->order();
        open_page(record);
        if (!current || !before || before->id.empty()) return;
        // Every order with a record comes back: renewed with its receipt, money moving to be checked, declined
        // or cancelled with everything chosen, ready to pay again. A draft or confirmed order has no record of its
        // own (the record is written when Pay is pressed), so a reload starts it afresh.
        const bool kept = before->state == OrderState::renewed || needs_host_check(before->state) ||
                          before->state == OrderState::failed || before->state == OrderState::cancelled;
        if (!kept) return;
        const auto& after = session_->order();
        if (!after) return fail("reload lost order " + before->id + " (" + std::string(to_string(before->state)) + ")");
        if (after->id != before->id || after->idempotency_key != before->idempotency_key ||
            after->total != before->total || after->items.size() != before->items.size() || after->state != before->state)
            fail("reload changed order " + before->id);
        if (after->state == OrderState::renewed) return;
        for (const OrderItem& item : after->items) {
            const auto chosen = session_->chosen().find(item.plan_id);
            if (chosen == session_->chosen().end() || chosen->second != item.quantity)
                fail("reload lost the chosen plan " + item.plan_id);
        }
        if (session_->step() != Step::result) fail("reload of order " + before->id + " did not land on its result");
    }

    void step(const Event& e) {
        const std::optional<Order> before = session_->order();
        const std::uint64_t p = e.param;
        auto& s = *session_;
        switch (e.kind) {
            case Ev::pay: s.pay(now_, entropy()); break;
            case Ev::double_pay:
                s.pay(now_, entropy());
                drain();
                s.pay(now_, entropy());
                break;
            case Ev::retry: s.retry_payment(now_, entropy()); break;
            case Ev::back: s.back(); break;
            case Ev::leave_payment: s.leave_payment(); break;
            case Ev::start_over:
                s.start_over();
                if (s.step() == Step::identify) walk_to_confirm(kPlans[p % 4]);
                break;
            case Ev::change_plan:
                s.choose_only(kPlans[p % 4]);
                s.continue_to_confirm(now_);
                break;
            case Ev::check_status: s.check_payment_status(); break;
            case Ev::deliver_request:
                if (!calls_.empty()) deliver_call(p % calls_.size(), p / 7);
                break;
            case Ev::deliver_answer:
                if (!answers_.empty()) deliver_answer(p % answers_.size(), false);
                break;
            case Ev::duplicate_answer:
                if (!answers_.empty()) deliver_answer(p % answers_.size(), true);
                break;
            case Ev::timeout:
                if (const auto& o = s.order(); o && !o->id.empty())
                    s.apply_payment_answer(json{{"type", "payment-unanswered"}, {"orderId", o->id},
                                                {"idempotencyKey", o->idempotency_key}, {"reason", "timeout"},
                                                {"message", "onPayment did not answer within 60 s"}}.dump(), now_);
                break;
            case Ev::foreign_answer: foreign_answer(p); break;
            case Ev::settle:
                if (!sandbox_.attempts.empty()) sandbox_.settle(p % sandbox_.attempts.size());
                break;
            case Ev::reload: reload(storage_, true); break;
            case Ev::reload_older: {
                // The storage rolled back to an earlier record (a restored backup, a second tab's stale write).
                // Orders whose newer record it lost are the storage's loss, counted apart like a corrupt record.
                if (history_.empty()) break;
                // An older record of the same order is no loss: the widget asks the host, whose books are newer.
                const std::string older = history_[p % history_.size()];
                const bool same = older == storage_;
                if (!same) {
                    const json record = json::parse(older, nullptr, false);
                    const std::string older_id =
                        record.is_object() && record.contains("order") ? string_member(record["order"], "orderId") : "";
                    if (const auto& o = s.order(); o && !o->id.empty()) {
                        if (o->id != older_id || lost_in_flight(o->id)) destroyed_.insert(o->id);
                        else rolled_back_.insert(o->id);
                    }
                    storage_ = older;
                }
                reload(storage_, same);
                break;
            }
            case Ev::reload_corrupt: {
                std::string record = storage_.value_or("");
                if (!record.empty()) record.resize(p % record.size());  // a write cut short
                if (const auto& o = s.order(); o && !o->id.empty()) destroyed_.insert(o->id);
                storage_ = record;
                reload(storage_, false);
                break;
            }
            case Ev::clock_jump:
                // Mostly forward (a laptop woken up), sometimes back (the clock corrected): up to 3 days back, 40 on.
                now_ += static_cast<UnixSeconds>(p % (43 * 86'400)) - 3 * 86'400;
                break;
            case Ev::count: break;
        }
        now_ += 1 + static_cast<UnixSeconds>(p % 90);
        drain();
        // After a reload the order is what the record held (an older one when storage was rolled back), not a
        // step of the machine; reload() checks what a reload must keep.
        const bool reloaded = e.kind == Ev::reload || e.kind == Ev::reload_older || e.kind == Ev::reload_corrupt;
        check_after(reloaded ? std::nullopt : before);
    }

    // Whether a payment request of this order is still on its way to a host that has not seen its key: when the
    // storage rolls back past it, neither the widget nor (yet) the host knows of that attempt, so the host's
    // answer to the status question cannot mention it. Should it charge later, the order is the storage's loss.
    bool lost_in_flight(const std::string& order_id) const {
        for (const HostCall& c : calls_)
            if (!c.status && string_member(c.order, "orderId") == order_id &&
                !sandbox_.seen(string_member(c.order, "idempotencyKey")))
                return true;
        return false;
    }

    void check_after(const std::optional<Order>& before) {
        for (const std::string& id : sandbox_.charged_orders())
            if (sandbox_.charges_for(id, true) > 1) return fail("order " + id + " charged twice");
        for (const Attempt& a : sandbox_.attempts)
            if (sandbox_.charges_for(a.order_id, true) > 1) return fail("order " + a.order_id + " may be charged twice");
        const auto& after = session_->order();
        if (!before || !after || before->id != after->id || before->id.empty()) return;
        const OrderState from = before->state;
        const OrderState to = after->state;
        const bool allowed = from == to || transition_allowed(from, to) ||
                             (transition_allowed(from, OrderState::confirmed) &&
                              transition_allowed(OrderState::confirmed, to)) ||
                             (transition_allowed(from, OrderState::confirmed) && to == OrderState::awaiting_payment);
        if (!allowed)
            fail("forbidden step " + std::string(to_string(from)) + " -> " + std::string(to_string(to)));
        if (needs_host_check(from) && after->idempotency_key != before->idempotency_key)
            fail("a new idempotency key while money may be moving");
    }

    // Everything comes to rest: the provider settles, every call and answer arrives, the traveller keeps checking.
    void settle_everything() {
        sandbox_.settle_all();
        for (int round = 0; round < 20 && failure_.empty(); ++round) {
            while (!calls_.empty()) deliver_call(0, 3);  // a new attempt now is declined: nothing left pending
            while (!answers_.empty()) deliver_answer(0, false);
            drain();
            if (!session_->waiting_for_host() && !session_->checking_restored_order()) return;
            session_->check_payment_status();
            drain();
        }
        if (failure_.empty() && (session_->waiting_for_host() || session_->checking_restored_order()))
            fail("the order never settled");
    }

    std::uint64_t salt_;
    int entropy_count_ = 0;
    UnixSeconds now_ = kStart;
    int page_ = 0;
    std::unique_ptr<RenewalSession> session_;
    Sandbox sandbox_;
    std::optional<std::string> storage_;
    std::vector<std::string> history_;
    std::vector<HostCall> calls_;
    std::vector<Answer> answers_;
    std::set<std::string> renewed_;
    std::set<std::string> destroyed_;
    std::set<std::string> rolled_back_;  // orders reloaded from an older record of their own (host asked, see above)
    std::string failure_;
};

std::string run_events(std::uint64_t seed, const std::vector<Event>& events, Stats* stats = nullptr) {
    return Episode(seed).run(events, stats);
}

// Drops chunks of events, then single ones, while the episode still fails.
std::vector<Event> shrink(std::uint64_t seed, std::vector<Event> events) {
    for (std::size_t chunk = events.size() / 2; chunk >= 1; chunk /= 2) {
        for (std::size_t at = 0; at + chunk <= events.size();) {
            std::vector<Event> shorter = events;
            shorter.erase(shorter.begin() + static_cast<std::ptrdiff_t>(at),
                          shorter.begin() + static_cast<std::ptrdiff_t>(at + chunk));
            if (!run_events(seed, shorter).empty()) events = std::move(shorter);
            else at += chunk;
        }
    }
    return events;
}

std::string describe(const std::vector<Event>& events) {
    std::string out;
    for (const Event& e : events) {
        out += "  ";
        out += kEventNames[static_cast<std::size_t>(e.kind)];
        out += " (param " + std::to_string(e.param) + ")\n";
    }
    return out;
}

}  // namespace

TEST_CASE("payment chaos: random episodes never charge twice and never lose an order") {
    Stats stats;
    int failures = 0;
    const char* episodes_env = std::getenv("TABI_CHAOS_EPISODES");
    const char* first_seed_env = std::getenv("TABI_CHAOS_SEED");  // replays one failing seed first
    const int episodes = episodes_env ? std::atoi(episodes_env) : kEpisodes;
    const std::uint64_t first_seed = first_seed_env ? std::strtoull(first_seed_env, nullptr, 10) : 0x7ab1'0000'0000ULL;
    for (int episode = 0; episode < episodes; ++episode) {
        const std::uint64_t seed = first_seed + static_cast<std::uint64_t>(episode);
        const auto events = events_for_seed(seed);
        const std::string failure = run_events(seed, events, &stats);
        if (failure.empty()) continue;
        ++failures;
        if (failures <= 5) {
            const auto shrunk = shrink(seed, events);
            const std::string shrunk_failure = run_events(seed, shrunk);
            std::printf("payment chaos: seed %llu failed: %s\nshrunk to %zu events (%s):\n%s",
                        static_cast<unsigned long long>(seed), failure.c_str(), shrunk.size(),
                        shrunk_failure.c_str(), describe(shrunk).c_str());
        }
        if (failure.find("charged twice") != std::string::npos) ++stats.double_charges;
        else if (failure.find("lost") != std::string::npos || failure.find("never") != std::string::npos) ++stats.lost_orders;
    }
    std::printf("payment chaos: %d episodes, %ld charges, %ld double charges, %ld lost orders\n", episodes,
                stats.charges, stats.double_charges, stats.lost_orders);
    std::printf("payment chaos (native): of those charges, %ld are of orders whose record the storage corrupted or "
                "rolled back (the host holds them; the widget cannot know)\n",
                stats.destroyed_records);
    std::printf("payment chaos (native): %ld charged orders came back from an older record of their own (storage "
                "rolled back past the charge) and were shown renewed after the host was asked\n",
                stats.recovered_after_rollback);
    std::fflush(stdout);
    CHECK(failures == 0);
}
