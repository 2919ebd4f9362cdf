#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/order.h"
#include "core/receipt.h"

using namespace tabi;

namespace {

constexpr std::string_view kEntropy = "0123456789abcdef0123456789abcdef0123456789";
constexpr UnixSeconds kNow = 1'795'867'200;  // 2026-11-28T12:00:00Z

const Catalog& sample() {
    static const Catalog catalog = *load_catalog(sample_catalog_json()).catalog;
    return catalog;
}

const Operator& operator_named(std::string_view id) {
    const Operator* op = sample().find_operator(id);
    REQUIRE(op != nullptr);
    return *op;
}

// A renewed order: 2 × "7 days · 10 GB" at ¥2,480, paid at 12:01 UTC, valid until 5 Dec 23:59:59 JST.
Order renewed_order(std::string_view masked = "•••• •••• •••• 0157", std::string locale = "en") {
    std::vector<OrderLine> lines{order_line_from_plan(*sample().find_plan("kumo-7d-10gb"), 2)};
    auto made = make_order(lines, OrderCard{CardKind::esim, std::string(masked)}, std::move(locale), kNow);
    REQUIRE(made.ok());
    Order order = std::move(made).value();
    REQUIRE(confirm(order, kEntropy, kNow + 10).ok());
    REQUIRE(request_payment(order, kNow + 20).ok());
    auto t = apply_payment_result(
        order, R"({"orderId":"TR-04HM-ASW9","status":"succeeded","reference":"pi_3Q","newExpiry":"2026-12-05T23:59:59+09:00"})",
        kNow + 60);
    REQUIRE(t.ok());
    return order;
}

// RFC 5545 §3.1 unfolding: remove every CRLF followed by one space or tab.
std::string unfold(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 2 < text.size() && text[i + 1] == '\n' && (text[i + 2] == ' ' || text[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

std::string unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            out += (next == 'n' || next == 'N') ? '\n' : next;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<std::string> physical_lines(std::string_view ics) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < ics.size()) {
        const std::size_t end = ics.find("\r\n", start);
        REQUIRE(end != std::string_view::npos);  // every line ends in CRLF
        lines.emplace_back(ics.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// The value of the first unfolded property line named `name`.
std::string property(std::string_view ics, std::string_view name) {
    const std::string unfolded = unfold(ics);
    const std::string prefix = std::string(name) + ":";
    std::size_t pos = unfolded.starts_with(prefix) ? 0 : unfolded.find("\r\n" + prefix);
    REQUIRE(pos != std::string::npos);
    if (pos != 0) pos += 2;
    const std::size_t end = unfolded.find("\r\n", pos);
    return unfolded.substr(pos + prefix.size(), end - pos - prefix.size());
}

}  // namespace

TEST_CASE("receipt: plain text, exactly") {
    const Order order = renewed_order();
    auto text = receipt_text(order, operator_named("kumo-esim"));
    REQUIRE(text.ok());
    CHECK(*text ==
          "Tabi Renew receipt\n"
          "Order number: TR-04HM-ASW9\n"
          "Payment reference: pi_3Q\n"
          "Paid: Sat 28 Nov 2026, 12:01 UTC / Sat 28 Nov 2026, 21:01 JST\n"
          "Card: eSIM •••• •••• •••• 0157\n"
          "Items:\n"
          "  7 days · 10 GB × 2: ¥4,960\n"
          "Total: ¥4,960 (JPY)\n"
          "Valid until: Sat 5 Dec 2026, 23:59 JST / Sat 5 Dec 2026, 14:59 UTC\n"
          "Operator: Kumo eSIM\n"
          "Support: Email support@kumo-esim.example · Chat https://kumo-esim.example/help · Hours 00:00–24:00 JST, daily\n"
          "Quote your order number TR-04HM-ASW9 when you contact support.\n");
}

TEST_CASE("receipt: plain text with the caller's labels, all contacts, no reference and no expiry") {
    std::vector<OrderLine> lines{order_line_from_plan(*sample().find_plan("sakura-7d-5gb"), 1),
                                 order_line_from_plan(*sample().find_plan("sakura-pack-3gb"), 1)};
    Order order = make_order(lines, OrderCard{CardKind::sim, "•••• •••• •••• •••• 4864"}, "ja", kNow).value();
    REQUIRE(confirm(order, kEntropy, kNow).ok());
    REQUIRE(request_payment(order, kNow).ok());
    REQUIRE(apply_payment_result(order, R"({"orderId":"TR-04HM-ASW9","status":"succeeded"})", kNow + 15 * 3600).ok());

    ReceiptLabels ja;
    ja.title = "Tabi Renew 領収書";
    ja.order_id = "注文番号";
    ja.paid_at = "支払日時";
    ja.card = "カード";
    ja.items = "明細";
    ja.total = "合計";
    ja.operator_name = "事業者";
    ja.support = "サポート";
    ja.phone = "電話";
    ja.email = "メール";
    ja.chat = "チャット";
    ja.hours = "受付";
    ja.daily = "毎日";
    ja.quote_order_id = "お問い合わせの際は注文番号 {order_id} をお伝えください。";
    ja.kind_sim = "SIM";
    auto text = receipt_text(order, operator_named("sakura-mobile-jp"), ja);
    REQUIRE(text.ok());
    CHECK(*text ==
          "Tabi Renew 領収書\n"
          "注文番号: TR-04HM-ASW9\n"
          "支払日時: 2026年11月29日(日) 03:00 UTC / 2026年11月29日(日) 12:00 JST\n"
          "カード: SIM •••• •••• •••• •••• 4864\n"
          "明細:\n"
          "  7 days · 5 GB × 1: ￥1,980\n"
          "  Extra 3 GB × 1: ￥1,200\n"
          "合計: ￥3,180 (JPY)\n"
          "事業者: Sakura Connect\n"
          "サポート: 電話 +81-3-4570-1180 · メール help@sakura-connect.example · チャット https://sakura-connect.example/chat · "
          "受付 09:00–21:00 JST, 毎日\n"
          "お問い合わせの際は注文番号 TR-04HM-ASW9 をお伝えください。\n");

    // Support open only at weekends reads in the labels' language too.
    Operator weekend_desk = operator_named("sakura-mobile-jp");
    weekend_desk.hours.days = "weekends";
    ja.weekends = "土日";
    auto weekend_text = receipt_text(order, weekend_desk, ja);
    REQUIRE(weekend_text.ok());
    CHECK(weekend_text->find("受付 09:00–21:00 JST, 土日\n") != std::string::npos);

    // Without a new expiry there is nothing to remind about.
    auto ics = reminder_ics(order, operator_named("sakura-mobile-jp"), kNow);
    REQUIRE_FALSE(ics.ok());
    CHECK(ics.problem().message_id == "receipt.no_expiry");
    auto json = nlohmann::json::parse(receipt_json(order, operator_named("sakura-mobile-jp")).value());
    CHECK(json["newExpiry"].is_null());
    CHECK(json["hostReference"] == "");
}

TEST_CASE("receipt: JSON, exactly") {
    const Order order = renewed_order();
    auto json = receipt_json(order, operator_named("kumo-esim"));
    REQUIRE(json.ok());
    CHECK(*json ==
          R"({"format":"tabi-renew-receipt","version":1,"orderId":"TR-04HM-ASW9","hostReference":"pi_3Q",)"
          R"("paidAt":{"utc":"2026-11-28T12:01:00Z","jst":"2026-11-28T21:01:00+09:00"},)"
          R"("items":[{"planId":"kumo-7d-10gb","name":"7 days · 10 GB","quantity":2,)"
          R"("unitPrice":{"currency":"JPY","minor":2480,"value":"2480"},"lineTotal":{"currency":"JPY","minor":4960,"value":"4960"}}],)"
          R"("total":{"currency":"JPY","minor":4960,"value":"4960"},"card":{"kind":"esim","maskedId":"•••• •••• •••• 0157"},)"
          R"("newExpiry":{"utc":"2026-12-05T14:59:59Z","jst":"2026-12-05T23:59:59+09:00"},)"
          R"("operator":{"id":"kumo-esim","name":"Kumo eSIM","phone":"","email":"support@kumo-esim.example",)"
          R"("chatUrl":"https://kumo-esim.example/help","hours":{"open":"00:00","close":"24:00","days":"daily","timeZone":"Asia/Tokyo"}}})");
}

TEST_CASE("receipt: only a renewed order has a receipt") {
    std::vector<OrderLine> lines{order_line_from_plan(*sample().find_plan("kumo-7d-10gb"), 1)};
    Order order = make_order(lines, OrderCard{CardKind::esim, "•••• •••• 0157"}, "en", kNow).value();
    const Operator& op = operator_named("kumo-esim");
    auto check_refused = [&](std::string_view state) {
        INFO(state);
        for (const auto& r : {receipt_text(order, op), receipt_json(order, op), reminder_ics(order, op, kNow)}) {
            REQUIRE_FALSE(r.ok());
            CHECK(r.problem().message_id == "receipt.not_renewed");
            CHECK(r.problem().arg("state") == state);
        }
    };
    check_refused("draft");
    REQUIRE(confirm(order, kEntropy, kNow).ok());
    REQUIRE(request_payment(order, kNow).ok());
    check_refused("awaiting_payment");
    REQUIRE(apply_payment_result(order, R"({"orderId":"TR-04HM-ASW9","status":"pending"})", kNow).ok());
    check_refused("pending");
    REQUIRE(apply_payment_result(order, R"({"orderId":"TR-04HM-ASW9","status":"failed"})", kNow).ok());
    check_refused("failed");
}

TEST_CASE("receipt: the calendar reminder, exactly") {
    const Order order = renewed_order();
    auto ics = reminder_ics(order, operator_named("kumo-esim"), kNow + 3600);
    REQUIRE(ics.ok());
    CHECK(*ics ==
          "BEGIN:VCALENDAR\r\n"
          "VERSION:2.0\r\n"
          "PRODID:-//Tabi Renew//Renewal reminder//EN\r\n"
          "CALSCALE:GREGORIAN\r\n"
          "BEGIN:VEVENT\r\n"
          "UID:TR-04HM-ASW9-renewal@tabi-renew\r\n"
          "DTSTAMP:20261128T130000Z\r\n"
          "DTSTART:20261204T145959Z\r\n"  // one day before 2026-12-05T14:59:59Z
          "DURATION:PT30M\r\n"
          "SUMMARY:Renew your eSIM •••• •••• •••• 0157: it exp\r\n"  // 75 octets: a bullet is 3
          " ires Sat 5 Dec 2026\\, 23:59 JST\r\n"
          "DESCRIPTION:Your eSIM •••• •••• •••• 0157 is valid \r\n"
          " until Sat 5 Dec 2026\\, 23:59 JST (Sat 5 Dec 2026\\, 14:59 UTC).\\nOrder TR-0\r\n"
          " 4HM-ASW9. Kumo eSIM support: Email support@kumo-esim.example · Chat https\r\n"
          " ://kumo-esim.example/help · Hours 00:00–24:00 JST\\, daily\r\n"
          "BEGIN:VALARM\r\n"
          "ACTION:DISPLAY\r\n"
          "DESCRIPTION:Renew your eSIM •••• •••• •••• 0157: it\r\n"
          "  expires Sat 5 Dec 2026\\, 23:59 JST\r\n"
          "TRIGGER:PT0S\r\n"
          "END:VALARM\r\n"
          "END:VEVENT\r\n"
          "END:VCALENDAR\r\n");
    for (const std::string& line : physical_lines(*ics)) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
    }
    CHECK(unescape(property(*ics, "SUMMARY")) == "Renew your eSIM •••• •••• •••• 0157: it expires Sat 5 Dec 2026, 23:59 JST");
}

TEST_CASE("receipt: reminder text in Chinese and Japanese is escaped and folded on character boundaries") {
    const Order order = renewed_order("•••• •••• •••• 0157", "zh-Hant");
    ReceiptLabels zh;
    zh.kind_esim = "eSIM";
    // The ASCII ";" must be escaped, the full-width "：" and "，" not.
    zh.reminder_summary = "日本旅游卡怎麽續費：{card} {masked_id} 將於 {expiry_jst} (JST) 到期，請提前續費;別忘了！";
    zh.reminder_description =
        "訂單 {order_id}\n到期：{expiry_jst} JST, {expiry_utc} UTC; 路徑 C:\\tabi\r\n{operator}：{contacts}\r"
        "お問い合わせの際は注文番号をお伝えください、よろしくお願いします。日本語の長い文章でも文字の途中で折り返しません。";
    auto ics = reminder_ics(order, operator_named("kumo-esim"), kNow, zh);
    REQUIRE(ics.ok());
    const std::vector<std::string> lines = physical_lines(*ics);
    int continuation_lines = 0;
    for (const std::string& line : lines) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));  // no line starts or ends inside a UTF-8 sequence
        if (line.starts_with(' ')) ++continuation_lines;
    }
    CHECK(continuation_lines >= 6);

    const std::string summary = property(*ics, "SUMMARY");
    CHECK(summary == "日本旅游卡怎麽續費：eSIM •••• •••• •••• 0157 將於 2026年12月5日 週六 23:59 (JST) 到期，請提前續費\\;別忘了！");
    const std::string description = property(*ics, "DESCRIPTION");
    CHECK(description.starts_with("訂單 TR-04HM-ASW9\\n到期：2026年12月5日 週六 23:59 JST\\, 2026年12月5日 週六 14:59 UTC\\; 路徑 C:\\\\tabi\\nKumo eSIM："));
    CHECK(description.find("\\nお問い合わせ") != std::string::npos);
    CHECK(description.find('\n') == std::string::npos);
    CHECK(description.find('\r') == std::string::npos);
    CHECK(unescape(description) ==
          "訂單 TR-04HM-ASW9\n到期：2026年12月5日 週六 23:59 JST, 2026年12月5日 週六 14:59 UTC; 路徑 C:\\tabi\nKumo eSIM："
          "Email support@kumo-esim.example · Chat https://kumo-esim.example/help · Hours 00:00–24:00 JST, daily\n"
          "お問い合わせの際は注文番号をお伝えください、よろしくお願いします。日本語の長い文章でも文字の途中で折り返しません。");
}

TEST_CASE("receipt: RFC 5545 text escaping") {
    CHECK(ics_escape_text("plain") == "plain");
    CHECK(ics_escape_text("a,b;c\\d") == "a\\,b\\;c\\\\d");
    CHECK(ics_escape_text("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(ics_escape_text("tab\tkept, bell\x07 and del\x7f dropped") == "tab\tkept\\, bell and del dropped");
    CHECK(ics_escape_text("續費，提醒；") == "續費，提醒；");  // full-width punctuation is not special
    CHECK(ics_escape_text(":colon \"quote\"") == ":colon \"quote\"");  // not escaped in TEXT values
    CHECK(ics_escape_text("") == "");
}

TEST_CASE("receipt: RFC 5545 line folding") {
    const std::string seventy_five(75, 'a');
    CHECK(ics_fold_line(seventy_five) == seventy_five + "\r\n");
    CHECK(ics_fold_line(seventy_five + "b") == seventy_five + "\r\n b\r\n");
    const std::string long_ascii(75 + 74 + 3, 'x');
    CHECK(ics_fold_line(long_ascii) == std::string(75, 'x') + "\r\n " + std::string(74, 'x') + "\r\n xxx\r\n");
    CHECK(ics_fold_line("") == "\r\n");

    // "SUMMARY:" is 8 octets and each 続 is 3: 22 of them fill 74 octets, a 23rd would need 77.
    std::string kanji;
    for (int i = 0; i < 30; ++i) kanji += "続";
    std::string first, rest;
    for (int i = 0; i < 22; ++i) first += "続";
    for (int i = 0; i < 8; ++i) rest += "続";
    CHECK(ics_fold_line("SUMMARY:" + kanji) == "SUMMARY:" + first + "\r\n " + rest + "\r\n");

    // Four-octet characters (emoji) and a mix: every line within 75 octets, valid UTF-8, and unfolding restores it.
    std::string mixed = "DESCRIPTION:";
    for (int i = 0; i < 40; ++i) mixed += i % 3 == 0 ? "🗾" : (i % 3 == 1 ? "a續" : "é");
    const std::string folded = ics_fold_line(mixed);
    for (const std::string& line : physical_lines(folded)) {
        INFO(line);
        CHECK(line.size() <= 75);
        CHECK(valid_utf8(line));
    }
    CHECK(unfold(folded) == mixed + "\r\n");
}

TEST_CASE("receipt: the reminder's fixed parts") {
    const Order order = renewed_order();
    auto ics = reminder_ics(order, operator_named("kumo-esim"), kNow + 7);
    REQUIRE(ics.ok());
    CHECK(property(*ics, "UID") == "TR-04HM-ASW9-renewal@tabi-renew");
    CHECK(property(*ics, "DTSTAMP") == "20261128T120007Z");
    CHECK(property(*ics, "DTSTART") == "20261204T145959Z");
    CHECK(ics->starts_with("BEGIN:VCALENDAR\r\n"));
    CHECK(ics->ends_with("END:VCALENDAR\r\n"));
    // No bare LF anywhere: every LF belongs to a CRLF.
    for (std::size_t i = 0; i < ics->size(); ++i)
        if ((*ics)[i] == '\n') CHECK((i > 0 && (*ics)[i - 1] == '\r'));
    // The reminder of a restored order is the same file.
    auto restored = restore_order(serialize_order(order, "ns"), "ns");
    REQUIRE(restored.ok());
    CHECK(reminder_ics(*restored, operator_named("kumo-esim"), kNow + 7).value() == *ics);
}

TEST_CASE("receipt: message ids, and the labels' defaults are their English templates") {
    const ReceiptLabels en;
    const std::pair<std::string_view, const std::string*> labels[] = {
        {"receipt.label.title", &en.title},
        {"receipt.label.order_id", &en.order_id},
        {"receipt.label.reference", &en.reference},
        {"receipt.label.paid_at", &en.paid_at},
        {"receipt.label.card", &en.card},
        {"receipt.label.items", &en.items},
        {"receipt.label.total", &en.total},
        {"receipt.label.valid_until", &en.valid_until},
        {"receipt.label.operator_name", &en.operator_name},
        {"receipt.label.support", &en.support},
        {"receipt.label.phone", &en.phone},
        {"receipt.label.email", &en.email},
        {"receipt.label.chat", &en.chat},
        {"receipt.label.hours", &en.hours},
        {"receipt.label.daily", &en.daily},
        {"receipt.label.weekdays", &en.weekdays},
        {"receipt.label.weekends", &en.weekends},
        {"receipt.label.quote_order_id", &en.quote_order_id},
        {"receipt.label.kind_sim", &en.kind_sim},
        {"receipt.label.kind_esim", &en.kind_esim},
        {"receipt.label.kind_wifi", &en.kind_wifi},
        {"receipt.label.reminder_summary", &en.reminder_summary},
        {"receipt.label.reminder_description", &en.reminder_description},
    };
    for (const auto& label : labels) {
        INFO(label.first);
        CHECK(receipt_message_template(label.first) == *label.second);
    }
    CHECK(receipt_message_ids().size() == std::size(labels) + 2);
    CHECK(receipt_message_template("receipt.not_renewed") == "There is no receipt yet: the order is {state}, not renewed.");
    CHECK_FALSE(receipt_message_template("receipt.no_expiry").empty());
    CHECK(receipt_message_template("receipt.nothing").empty());
}
