// One traveller's renewal, step by step: the state the panel draws and the commands its buttons give. It ties
// the core modules together (identify → status → device → payment methods → choose → confirm → pay → result)
// and talks to the outside only through two queues the platform drains after each frame:
//   - requests for the bridge (look the card up, hand the order to the host, persist / forget the pending
//     order, ask the host for an order's state, download a file, copy a text);
//   - events for the host page (ready is the platform's; step, paymentrequest, renewed, failed, error here).
// Like the rest of core it has no clock and no random source: callers pass `now` and random hex.
//
// Nothing entered is lost: going back and forward keeps the identifier text, the device, the trip, the filters
// and the chosen plans. A step that cannot be taken yet is refused with a Problem the screen shows next to it.
// While an order may have money moving (awaiting_payment or pending) no other payment can start: the traveller
// may leave the pay screen, but paying again resends the SAME order with the same idempotency key.
// No unmasked identifier is ever put into an event, a persisted record or a problem; only the lookup request
// (the host's own lookupCard) receives the identifier as typed, normalised.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bridge_protocol.h"
#include "core/card_status.h"
#include "core/catalog.h"
#include "core/compare.h"
#include "core/device_check.h"
#include "core/identifier.h"
#include "core/messages.h"
#include "core/order.h"
#include "core/recommend.h"

namespace tabi {

enum class Step { identify, status, device, payment_methods, choose, confirm, pay, result };
inline constexpr int kStepCount = 8;
std::string_view to_string(Step s);  // "identify", "status", "device", "payment_methods", ...

// A message to show: an id of the message catalogues with its arguments.
inline constexpr UnixSeconds kPendingRecheckSeconds = 15;  // how often a pending payment is re-checked with the host
// How long a payment may stay pending before the panel says what to do: a host that answers "pending" for a key it
// never saw (docs/host-api.md says to answer "cancelled") would otherwise keep the traveller on "Check now" for ever.
inline constexpr UnixSeconds kPendingTooLongSeconds = 10 * 60;

struct Note : Message {
    Severity severity = Severity::error;
};

struct SessionOptions {
    Locale locale = Locale::en;
    std::string currency;          // the traveller's currency for the comparison ("" shows the plans' own)
    int utc_offset_minutes = 0;    // the traveller's time zone, for "in your time"
    bool can_lookup = false;       // the host gave lookupCard
    bool can_pay = false;          // the host gave onPayment
    std::string page_origin;       // namespaces the persisted order
};

// What the bridge is asked to do. `json` is the request's body as JSON text.
struct BridgeRequest {
    BridgeRequestKind kind;
    std::string json;
};

struct HostEvent {
    std::string name;  // step | paymentrequest | renewed | failed | error
    std::string json;
};

enum class LookupState { not_asked, waiting, done, failed, unavailable };

class RenewalSession {
public:
    RenewalSession(std::shared_ptr<const Catalog> catalog, SessionOptions options);

    const Catalog& catalog() const { return *catalog_; }
    const SessionOptions& options() const { return options_; }
    void set_locale(Locale locale);
    // The traveller's currency for shown prices, changed while the walk goes on (the host's update()); nothing
    // chosen or entered changes, and the charge stays in the plans' own currency.
    void set_currency(std::string currency);

    // --- where the traveller is
    Step step() const { return step_; }
    // The steps of this walk in order (status only with a lookup, device only for SIM and eSIM).
    std::vector<Step> walk() const;
    int step_number() const;  // 1-based position of step() in walk()
    bool can_go_back() const;
    void back();              // Escape and the Back button; never loses anything entered
    // The problem of the last refused command on this screen, if any (cleared by the next change).
    const std::optional<Note>& notice() const { return notice_; }

    // --- identify
    const std::string& identifier_text() const { return identifier_text_; }
    const IdentifierCheck& identifier() const { return identifier_; }
    void set_identifier_text(std::string text);
    // Moves on when the identifier is acceptable: with a lookup, asks the host for the card's status.
    bool submit_identifier(UnixSeconds now);
    std::optional<CardKind> card_kind() const;

    // --- status
    LookupState lookup_state() const { return lookup_state_; }
    const std::optional<Note>& lookup_problem() const { return lookup_problem_; }
    const std::optional<CardStatus>& card_status() const { return status_; }
    std::optional<StatusSummary> status_summary(UnixSeconds now) const;
    // The bridge's answer to a lookup: {"requestId", "ok": true, "value": {...status...}} or
    // {"requestId", "ok": false, "error": "text", "timeout": bool}. Answers for an older request are ignored.
    void apply_lookup_answer(std::string_view answer_json, UnixSeconds now);
    void retry_lookup(UnixSeconds now);
    void continue_from_status();
    // The status reminder (.ics a day before the current expiry) as a download request.
    bool download_status_reminder(UnixSeconds now);

    // --- device
    const std::string& device_query() const { return device_query_; }
    void set_device_query(std::string query);
    std::vector<DeviceMatch> device_matches(std::size_t limit) const;
    const Device* chosen_device() const;
    bool device_not_sure() const { return device_not_sure_; }
    void choose_device(std::size_t index);  // an index into catalog().devices
    void choose_device_not_sure();
    void clear_device_choice();  // neither a model nor "I'm not sure" (a chosen one pressed again)
    // The report for the chosen phone against the card's networks (nullopt before a choice).
    std::optional<DeviceReport> device_report() const;
    void continue_from_device();

    // --- payment methods
    void continue_from_payment_methods();

    // --- choose
    int trip_days() const { return trip_days_; }
    std::int64_t mb_per_day() const { return mb_per_day_; }
    void set_trip_days(int days);
    void set_mb_per_day(std::int64_t mb);
    const CompareFilter& filter() const { return filter_; }
    void set_filter(CompareFilter filter);
    CompareColumn sort_column() const { return sort_column_; }
    SortDirection sort_direction() const { return sort_direction_; }
    void sort_by(CompareColumn column);  // the same column again flips the direction
    // The plans this card can buy, filtered and sorted (recomputed when anything it depends on changed).
    const Result<Comparison>& comparison();
    const Result<RecommendResult>& recommendation();
    // Chosen plans: plan id -> quantity (1..kMaxItemQuantity).
    const std::map<std::string, int>& chosen() const { return chosen_; }
    void set_quantity(std::string_view plan_id, int quantity);  // 0 removes
    void choose_only(std::string_view plan_id);                  // the "Choose" button of a row: that plan alone
    void use_recommendation();
    // Whether the basket is exactly these plans and quantities (a recommendation already chosen).
    bool chosen_is(std::span<const PlanQuantity> items) const;
    // Replaces the basket with these plans (a recommendation or one of its alternatives).
    void choose_items(std::span<const PlanQuantity> items);
    // The chosen plans' total in their currency, or nullopt when nothing is chosen.
    std::optional<Money> chosen_total() const;
    bool continue_to_confirm(UnixSeconds now);

    // --- confirm
    const std::optional<Order>& order() const { return order_; }
    const std::optional<RenewalPreview>& preview() const { return preview_; }
    // Confirms the order (or re-uses the one already confirmed) and hands it to the host. `entropy_hex`: at
    // least kOrderEntropyHexDigits random hex digits. While money may be moving for this order it resends the
    // same order instead.
    bool pay(UnixSeconds now, std::string_view entropy_hex);

    // --- pay / result
    // The host's result (JSON of {orderId, status, reference?, reason?, newExpiry?}) or the bridge's error for
    // the payment call: {"type": "payment-error", "orderId", "timeout": bool, "reason"}.
    void apply_payment_answer(std::string_view answer_json, UnixSeconds now);
    // "Cancel" on the pay screen: back to confirm; the order stays, and paying again resends it.
    void leave_payment();
    bool waiting_for_host() const;
    // An order restored from a declined or cancelled record whose fate the host is being asked about: until it
    // answers, nothing can be paid or changed (storage may have lost a later, charged attempt of this order).
    bool checking_restored_order() const { return checking_restored_; }
    // After failed or cancelled: a new attempt (new idempotency key) of the same order.
    bool retry_payment(UnixSeconds now, std::string_view entropy_hex);
    // Pending: ask the host again (onPaymentStatus).
    void check_payment_status();
    // The traveller's "check now": asks at once and restarts tick()'s count.
    void recheck_payment_now(UnixSeconds now);
    // Time passing, called before each frame is drawn: while the result screen waits on a pending payment, the
    // host is asked again every kPendingRecheckSeconds (the first time that long after the screen first ticks).
    void tick(UnixSeconds now);
    // A payment pending for kPendingTooLongSeconds of ticks on the result screen: what the traveller can do (keep
    // the order id, ask support). Nothing unlocks: money may still move, so no other payment can start.
    std::optional<Note> pending_too_long(UnixSeconds now) const;
    const std::optional<Note>& payment_problem() const { return payment_problem_; }
    bool download_receipt();
    bool download_reminder(UnixSeconds now);
    void copy_order_id();
    // Starts over for another card; the catalogue and options stay.
    void start_over();
    const Operator* order_operator() const;

    // --- reload recovery
    std::string storage_namespace() const;  // inside the record: which catalogue and page it belongs to
    std::string storage_key() const;        // where the bridge keeps it in the page's storage
    // Whether the page's storage took the order's last record (the bridge's answer to "persist"). When it did not
    // (storage that throws, a full quota), payment still works from memory, but a reload would lose the order:
    // storage_notice() says so to the traveller until a later record is written.
    void set_storage_saved(bool saved) { storage_failed_ = !saved; }
    std::optional<Note> storage_notice() const;
    // The bridge's answer to the restore request (the record text, or empty when none).
    void apply_restored_record(std::string_view record_text, UnixSeconds now);

    // --- the queues
    std::vector<BridgeRequest> take_requests();
    std::vector<HostEvent> take_events();

private:
    void go(Step step);
    void refuse(std::string id, std::vector<MessageArg> args = {});
    void request(BridgeRequestKind kind, std::string json);
    void event(std::string name, std::string json);
    // What leaves the session carries the traveller's identifier masked only, even where it quotes a host's own
    // words back (a payment result whose orderId holds the card number): each unmasked copy in a string of the
    // JSON becomes the masked form. Only "lookup" hands the identifier itself to the host.
    std::string without_identifier(std::string json) const;
    std::string identifier_masked(std::string_view json) const;
    void ask_lookup();
    void invalidate_choice();
    void persist_order();
    // Whether a command that would change or pay for the order must wait (money may be moving, or a restored
    // declined order is being checked with the host); refuses it with the reason when so.
    bool refuse_while_locked();
    // Drops an order that is replaced before anything moved for it, and its record when it was declined or
    // cancelled (a reload must not bring back a basket the traveller has since changed).
    void discard_order();
    void handle_transition(const Transition& t);
    void apply_restored_check_answer(std::string_view answer_json, UnixSeconds now);
    // A payment result refused (another order, amount or currency, nonsense): the host hears why in an `error`
    // event, the traveller sees it on the panel, and the order stays as it was.
    void refuse_payment_result(const Problem& problem);
    std::string plan_scope_product() const;
    std::optional<CardKind> scope_card() const;

    std::shared_ptr<const Catalog> catalog_;
    SessionOptions options_;
    Step step_ = Step::identify;
    UnixSeconds last_status_check_ = 0;  // tick()'s last ask (0: not yet ticked while pending)
    UnixSeconds waiting_since_ = 0;      // tick()'s first tick of the current wait on the host (0: not waiting)
    std::optional<Note> notice_;

    std::string identifier_text_;
    IdentifierCheck identifier_;

    LookupState lookup_state_ = LookupState::not_asked;
    int lookup_request_id_ = 0;
    std::optional<Note> lookup_problem_;
    std::optional<CardStatus> status_;
    UnixSeconds lookup_now_ = 0;

    std::string device_query_;
    std::optional<std::size_t> device_index_;
    bool device_not_sure_ = false;

    int trip_days_ = 7;
    std::int64_t mb_per_day_ = 1024;
    CompareFilter filter_;
    CompareColumn sort_column_ = CompareColumn::price;
    SortDirection sort_direction_ = SortDirection::ascending;
    bool comparison_stale_ = true;
    bool recommendation_stale_ = true;
    Result<Comparison> comparison_{Comparison{}};
    Result<RecommendResult> recommendation_{RecommendResult{}};
    std::vector<const Plan*> scope_plans_;
    // The chosen plans by id, not PlanQuantity: the choice outlives a catalogue reload (a plan that is gone
    // drops out when the choice is read through chosen_in_catalog_order).
    std::map<std::string, int> chosen_;

    std::optional<Order> order_;
    std::optional<RenewalPreview> preview_;
    std::optional<Note> payment_problem_;
    bool checking_restored_ = false;  // see checking_restored_order()
    bool storage_failed_ = false;     // see set_storage_saved()
    // The order came from a record, which may be older than the host's books: a decline it ends in on this page
    // (possibly the host replaying an older attempt's answer) is checked with the host once before a new attempt.
    bool restored_unchecked_ = false;

    std::vector<BridgeRequest> requests_;
    std::vector<HostEvent> events_;
};

}  // namespace tabi
