#include "core/receipt.h"
#include "core/messages.h"
#include "core/module_messages.h"

#include <array>
#include <span>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/date_text.h"

namespace tabi {

using ordered_json = nlohmann::ordered_json;

namespace {

// English templates of this module's messages and labels (the labels are ReceiptLabels' defaults).
constexpr ModuleMessages kMessages({
    {"receipt.not_renewed", "There is no receipt yet: the order is {state}, not renewed."},
    {"receipt.no_expiry",
     "The reminder needs the new expiry date, which the site did not send; check the expiry on the status screen."},
    {"receipt.label.title", "Tabi Renew receipt"},
    {"receipt.label.order_id", "Order number"},
    {"receipt.label.reference", "Payment reference"},
    {"receipt.label.paid_at", "Paid"},
    {"receipt.label.card", "Card"},
    {"receipt.label.items", "Items"},
    {"receipt.label.total", "Total"},
    {"receipt.label.valid_until", "Valid until"},
    {"receipt.label.operator_name", "Operator"},
    {"receipt.label.support", "Support"},
    {"receipt.label.phone", "Phone"},
    {"receipt.label.email", "Email"},
    {"receipt.label.chat", "Chat"},
    {"receipt.label.hours", "Hours"},
    {"receipt.label.daily", "daily"},
    {"receipt.label.weekdays", "weekdays"},
    {"receipt.label.weekends", "weekends"},
    {"receipt.label.quote_order_id", "Quote your order number {order_id} when you contact support."},
    {"receipt.label.kind_sim", "SIM"},
    {"receipt.label.kind_esim", "eSIM"},
    {"receipt.label.kind_wifi", "pocket WiFi"},
    {"receipt.label.reminder_summary", "Renew your {card} {masked_id}: it expires {expiry_jst} JST"},
    {"receipt.label.reminder_description",
     "Your {card} {masked_id} is valid until {expiry_jst} JST ({expiry_utc} UTC).\nOrder {order_id}. {operator} "
     "support: {contacts}"},
});

constexpr std::size_t kIcsLineOctets = 75;  // RFC 5545 §3.1, excluding the CRLF
constexpr UnixSeconds kReminderLead = 24 * 60 * 60;

// The receipt's and reminder's labels are message templates: rendered as every message is (messages.h).
std::string fill(std::string_view text, std::span<const MessageArg> values) {
    std::string out;
    append_rendered(out, text, values);
    return out;
}

std::string_view kind_word(CardKind kind, const ReceiptLabels& labels) {
    switch (kind) {
        case CardKind::sim: return labels.kind_sim;
        case CardKind::esim: return labels.kind_esim;
        case CardKind::wifi: return labels.kind_wifi;
    }
    return labels.kind_sim;
}

// "Sat 28 Nov 2026, 21:00" at a fixed offset, as the order's language writes it; with the year, since a receipt
// and a reminder are kept for later.
std::string wall_clock(const Order& order, UnixSeconds t, int offset_minutes) {
    const Locale locale = match_locale(order.locale).value_or(Locale::en);
    return date_time_text(locale, to_civil(t, offset_minutes), YearShown::yes);
}

// "20261204T145959Z" (RFC 5545 §3.3.5 form 2, UTC).
std::string ics_utc(UnixSeconds t) {
    const CivilDateTime c = to_civil(t, 0);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", c.date.year, c.date.month, c.date.day, c.hour, c.minute,
                       c.second);
}

std::string hh_mm(int minutes_after_midnight) {
    return fmt::format("{:02}:{:02}", minutes_after_midnight / 60, minutes_after_midnight % 60);
}

std::string_view days_word(std::string_view days, const ReceiptLabels& labels) {
    if (days == "daily") return labels.daily;
    if (days == "weekdays") return labels.weekdays;
    if (days == "weekends") return labels.weekends;
    return days;
}

// "Phone +81-3-4570-1180 · Email help@… · Chat https://… · Hours 09:00–21:00 JST, daily"
std::string support_contacts(const Operator& op, const ReceiptLabels& labels) {
    std::string out;
    auto part = [&](std::string_view label, std::string_view value) {
        if (value.empty()) return;
        if (!out.empty()) out += " · ";
        out += label;
        out += ' ';
        out += value;
    };
    part(labels.phone, op.phone);
    part(labels.email, op.email);
    part(labels.chat, op.chat_url);
    if (op.hours.close_minute > op.hours.open_minute) {
        std::string hours = hh_mm(op.hours.open_minute) + "–" + hh_mm(op.hours.close_minute) + " JST";
        const std::string_view days = days_word(op.hours.days, labels);
        if (!days.empty()) {
            hours += ", ";
            hours += days;
        }
        part(labels.hours, hours);
    }
    return out;
}

Problem not_renewed(const Order& order) {
    return make_problem("state", "receipt.not_renewed", {{"state", std::string(to_string(order.state))}});
}

ordered_json money_json(const Money& m) {
    ordered_json j;
    j["currency"] = m.currency;
    j["minor"] = m.minor;
    j["value"] = to_decimal_string(m);
    return j;
}

ordered_json instant_json(UnixSeconds t) {
    ordered_json j;
    j["utc"] = format_iso8601_utc(t);
    j["jst"] = format_iso8601(t, kJstOffsetMinutes);
    return j;
}

void append_line(std::string& out, std::string_view label, std::string_view value) {
    out += label;
    out += ": ";
    out += value;
    out += '\n';
}

void append_ics(std::string& out, std::string_view name, std::string_view value) {
    std::string line(name);
    line += ':';
    line += value;
    out += ics_fold_line(line);
}

}  // namespace

Result<std::string> receipt_json(const Order& order, const Operator& op) {
    if (order.state != OrderState::renewed) return not_renewed(order);
    ordered_json j;
    j["format"] = "tabi-renew-receipt";
    j["version"] = kReceiptFormatVersion;
    j["orderId"] = order.id;
    j["hostReference"] = order.host_reference;
    j["paidAt"] = instant_json(order.updated_at);
    ordered_json items = ordered_json::array();
    for (const OrderItem& item : order.items) {
        ordered_json i;
        i["planId"] = item.plan_id;
        i["name"] = item.name;
        i["quantity"] = item.quantity;
        i["unitPrice"] = money_json(item.unit_price);
        i["lineTotal"] = money_json(item.line_total);
        items.push_back(std::move(i));
    }
    j["items"] = std::move(items);
    j["total"] = money_json(order.total);
    j["card"] = {{"kind", to_string(order.card.kind)}, {"maskedId", order.card.masked_id}};
    j["newExpiry"] = order.new_expiry ? instant_json(*order.new_expiry) : ordered_json(nullptr);
    ordered_json hours;
    hours["open"] = hh_mm(op.hours.open_minute);
    hours["close"] = hh_mm(op.hours.close_minute);
    hours["days"] = op.hours.days;
    hours["timeZone"] = "Asia/Tokyo";
    ordered_json oper;
    oper["id"] = op.id;
    oper["name"] = op.name;
    oper["phone"] = op.phone;
    oper["email"] = op.email;
    oper["chatUrl"] = op.chat_url;
    oper["hours"] = std::move(hours);
    j["operator"] = std::move(oper);
    return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

Result<std::string> receipt_text(const Order& order, const Operator& op, const ReceiptLabels& labels) {
    if (order.state != OrderState::renewed) return not_renewed(order);
    std::string out;
    out.reserve(512);
    out += labels.title;
    out += '\n';
    append_line(out, labels.order_id, order.id);
    if (!order.host_reference.empty()) append_line(out, labels.reference, order.host_reference);
    append_line(out, labels.paid_at,
                wall_clock(order, order.updated_at, 0) + " UTC / " + wall_clock(order, order.updated_at, kJstOffsetMinutes) +
                    " JST");
    std::string card(kind_word(order.card.kind, labels));
    card += ' ';
    card += order.card.masked_id;
    append_line(out, labels.card, card);
    out += labels.items;
    out += ":\n";
    for (const OrderItem& item : order.items) {
        out += "  ";
        out += item.name;
        out += " × ";
        out += std::to_string(item.quantity);
        out += ": ";
        out += format_money(item.line_total, order.locale);
        out += '\n';
    }
    append_line(out, labels.total, format_money(order.total, order.locale) + " (" + order.total.currency + ")");
    if (order.new_expiry)
        append_line(out, labels.valid_until,
                    wall_clock(order, *order.new_expiry, kJstOffsetMinutes) + " JST / " + wall_clock(order, *order.new_expiry, 0) +
                        " UTC");
    append_line(out, labels.operator_name, op.name);
    const std::string contacts = support_contacts(op, labels);
    if (!contacts.empty()) append_line(out, labels.support, contacts);
    const std::array<MessageArg, 1> values{{{"order_id", order.id}}};
    append_rendered(out, labels.quote_order_id, values);
    out += '\n';
    return out;
}

Result<std::string> reminder_ics(const Order& order, const Operator& op, UnixSeconds now, const ReceiptLabels& labels) {
    if (order.state != OrderState::renewed) return not_renewed(order);
    if (!order.new_expiry) return make_problem("newExpiry", "receipt.no_expiry");
    const UnixSeconds expiry = *order.new_expiry;
    const std::string expiry_jst = wall_clock(order, expiry, kJstOffsetMinutes);
    const std::string expiry_utc = wall_clock(order, expiry, 0);
    const std::string contacts = support_contacts(op, labels);
    const std::array<MessageArg, 7> values{{{"order_id", order.id},
                                             {"card", std::string(kind_word(order.card.kind, labels))},
                                             {"masked_id", order.card.masked_id},
                                             {"expiry_jst", expiry_jst},
                                             {"expiry_utc", expiry_utc},
                                             {"operator", op.name},
                                             {"contacts", contacts}}};
    const std::string summary = ics_escape_text(fill(labels.reminder_summary, values));
    const std::string description = ics_escape_text(fill(labels.reminder_description, values));

    std::string out;
    out.reserve(1024);
    append_ics(out, "BEGIN", "VCALENDAR");
    append_ics(out, "VERSION", "2.0");
    append_ics(out, "PRODID", "-//Tabi Renew//Renewal reminder//EN");
    append_ics(out, "CALSCALE", "GREGORIAN");
    append_ics(out, "BEGIN", "VEVENT");
    // The same order always gives the same UID, so adding the reminder twice updates one event.
    append_ics(out, "UID", order.id + "-renewal@tabi-renew");
    append_ics(out, "DTSTAMP", ics_utc(now));
    append_ics(out, "DTSTART", ics_utc(expiry - kReminderLead));
    append_ics(out, "DURATION", "PT30M");
    append_ics(out, "SUMMARY", summary);
    append_ics(out, "DESCRIPTION", description);
    append_ics(out, "BEGIN", "VALARM");
    append_ics(out, "ACTION", "DISPLAY");
    append_ics(out, "DESCRIPTION", summary);
    append_ics(out, "TRIGGER", "PT0S");
    append_ics(out, "END", "VALARM");
    append_ics(out, "END", "VEVENT");
    append_ics(out, "END", "VCALENDAR");
    return out;
}

std::string ics_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                out += "\\n";
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                break;
            default:
                // TEXT excludes the control characters (RFC 5545 §3.3.11 ESCAPED-CHAR / TSAFE-CHAR) except HTAB.
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) break;
                out += c;
        }
    }
    return out;
}

std::string ics_fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 37 + 2);
    std::size_t pos = 0;
    std::size_t limit = kIcsLineOctets;
    while (line.size() - pos > limit) {
        std::size_t cut = pos + limit;
        // Back up to the first byte of a UTF-8 sequence (continuation bytes are 10xxxxxx).
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        if (cut == pos) cut = pos + limit;  // not UTF-8 at all: cut anyway rather than loop forever
        out.append(line.substr(pos, cut - pos));
        out += "\r\n ";
        pos = cut;
        limit = kIcsLineOctets - 1;  // the leading space is part of the 75 octets
    }
    out.append(line.substr(pos));
    out += "\r\n";
    return out;
}

std::span<const std::string_view> receipt_message_ids() { return kMessages.ids(); }

std::string_view receipt_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
