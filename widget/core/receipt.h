// The receipt of a renewed order (JSON to keep, plain text to download) and the calendar reminder to renew
// again (an RFC 5545 .ics file). All three are pure functions of the order, the operator from the catalogue
// and the caller's labels, so tests can compare them byte for byte.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/civil_time.h"
#include "core/order.h"
#include "core/problem.h"

namespace tabi {

inline constexpr int kReceiptFormatVersion = 1;

// The words around the values, English by default. The UI fills them from its message catalogue: each field's
// message id is "receipt.label.<field>" (receipt_message_ids()). Pass the templates as written
// (message_template(), not rendered): these functions fill the {placeholders} themselves:
// {order_id}, {card} (the card-kind word), {masked_id}, {expiry_jst}, {expiry_utc}, {operator}, {contacts}.
struct ReceiptLabels {
    std::string title = "Tabi Renew receipt";
    std::string order_id = "Order number";
    std::string reference = "Payment reference";
    std::string paid_at = "Paid";
    std::string card = "Card";
    std::string items = "Items";
    std::string total = "Total";
    std::string valid_until = "Valid until";
    std::string operator_name = "Operator";
    std::string support = "Support";
    std::string phone = "Phone";
    std::string email = "Email";
    std::string chat = "Chat";
    std::string hours = "Hours";
    std::string daily = "daily";
    std::string weekdays = "weekdays";
    std::string weekends = "weekends";
    std::string quote_order_id = "Quote your order number {order_id} when you contact support.";
    std::string kind_sim = "SIM";
    std::string kind_esim = "eSIM";
    std::string kind_wifi = "pocket WiFi";
    std::string reminder_summary = "Renew your {card} {masked_id}: it expires {expiry_jst} JST";
    std::string reminder_description =
        "Your {card} {masked_id} is valid until {expiry_jst} JST ({expiry_utc} UTC).\n"
        "Order {order_id}. {operator} support: {contacts}";
};

// {"format": "tabi-renew-receipt", "version": 1, "orderId", "hostReference",
//  "paidAt": {"utc", "jst"}, "items": [{"planId", "name", "quantity", "unitPrice", "lineTotal"}],
//  "total": {"currency", "minor", "value"}, "card": {"kind", "maskedId"}, "newExpiry": {"utc", "jst"} | null,
//  "operator": {"id", "name", "phone", "email", "chatUrl", "hours": {"open", "close", "days", "timeZone"}}}
// Times are ISO 8601 ("2026-11-28T12:00:00Z", "2026-11-28T21:00:00+09:00"); "paidAt" is the order's updated_at,
// which nothing changes once an order is renewed. Refuses an order that is not renewed (receipt.not_renewed).
Result<std::string> receipt_json(const Order& order, const Operator& op);

// The same as plain text, one fact a line, "\n" line endings, for example:
//   Tabi Renew receipt
//   Order number: TR-7K4Q-9XWM
//   Payment reference: pi_3Q
//   Paid: Sat 28 Nov 2026, 12:00 UTC / Sat 28 Nov 2026, 21:00 JST
//   Card: eSIM •••• •••• •••• 0157
//   Items:
//     7 days · 5 GB × 2: ¥3,960
//   Total: ¥3,960 (JPY)
//   Valid until: Sat 5 Dec 2026, 23:59 JST / Sat 5 Dec 2026, 14:59 UTC
//   Operator: Kumo eSIM
//   Support: Email support@kumo-esim.example · Chat https://kumo-esim.example/help · Hours 00:00–24:00 JST, daily
//   Quote your order number TR-7K4Q-9XWM when you contact support.
// The reference and valid-until lines are left out when unknown, as are support contacts the operator lacks.
// Amounts use format_money, dates and times date_time_text (with the year), both in the order's locale.
Result<std::string> receipt_text(const Order& order, const Operator& op, const ReceiptLabels& labels = {});

// A one-event calendar with a reminder one day before the new expiry:
// VCALENDAR (VERSION 2.0, PRODID) / VEVENT (UID "<order id>-renewal@tabi-renew", DTSTAMP = now,
// DTSTART = new expiry − 24 h as a UTC date-time, DURATION 30 min, SUMMARY, DESCRIPTION) / VALARM (DISPLAY at
// the start). Text values are escaped per RFC 5545 §3.3.11, lines end in CRLF and are folded at 75 octets
// without splitting a UTF-8 sequence. Refuses an order that is not renewed or has no new expiry.
Result<std::string> reminder_ics(const Order& order, const Operator& op, UnixSeconds now,
                                 const ReceiptLabels& labels = {});

// RFC 5545 §3.3.11 TEXT escaping: "\" → "\\", ";" → "\;", "," → "\,", a line break (LF, CR LF or CR) → "\n";
// other control characters except TAB are dropped.
std::string ics_escape_text(std::string_view text);
// One content line folded per RFC 5545 §3.1: at most 75 octets a line (the leading space of a continuation
// counts), never inside a UTF-8 sequence, each line ending in CRLF.
std::string ics_fold_line(std::string_view line);

// Every message id this module reports or labels with, and the English template of each ({name} placeholders
// for its args; "" for an unknown id). The "receipt.label.*" templates are ReceiptLabels' defaults.
std::span<const std::string_view> receipt_message_ids();
std::string_view receipt_message_template(std::string_view message_id);

}  // namespace tabi
