#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/identifier.h"

using namespace tabi;

namespace {

// Public test values (../shared/REFERENCE.md, "Identifiers").
constexpr std::string_view kIccid20 = "89450421180216254864";
constexpr std::string_view kIccid19 = "8944476500008878576";
constexpr std::string_view kImei = "355762052793235";
constexpr std::string_view kEid = "89001039240180124400000000000157";

constexpr std::string_view kBullet = "\xE2\x80\xA2";

// Letters and digits a masked text shows.
std::size_t revealed(std::string_view masked) {
    return static_cast<std::size_t>(std::count_if(masked.begin(), masked.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }));
}

std::size_t bullets(std::string_view masked) {
    std::size_t n = 0;
    for (std::size_t at = masked.find(kBullet); at != std::string_view::npos; at = masked.find(kBullet, at + 1)) ++n;
    return n;
}

// Every message a check reports has an English template, and the template's {names} are among its args.
void check_message(const Problem& p) {
    INFO(p.message_id);
    CHECK(p.where == "identifier");
    CHECK(p.message_id.starts_with("identifier."));
    const std::string_view text = identifier_message_template(p.message_id);
    REQUIRE(!text.empty());
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::string name(text.substr(open + 1, text.find('}', open) - open - 1));
        CHECK_MESSAGE(!p.arg(name).empty(), "missing arg ", name);
    }
}

std::optional<CardKind> expected_card(IdentifierKind kind) {
    switch (kind) {
        case IdentifierKind::iccid:
        case IdentifierKind::jp_phone: return CardKind::sim;
        case IdentifierKind::imei:
        case IdentifierKind::imeisv:
        case IdentifierKind::eid: return CardKind::esim;
        case IdentifierKind::rental_order: return CardKind::wifi;
        case IdentifierKind::unknown: break;
    }
    return std::nullopt;
}

// What holds for every result, whatever the input.
const IdentifierCheck& consistent(const IdentifierCheck& r) {
    INFO("kind ", to_string(r.kind), ", state ", to_string(r.state), ", masked ", r.masked);
    CHECK(revealed(r.masked) <= kMaskVisibleChars);
    CHECK(r.card == expected_card(r.kind));
    for (const auto& p : r.problems) check_message(p);
    if (r.hint) check_message(*r.hint);
    switch (r.state) {
        case IdentifierState::empty:
            CHECK(r.kind == IdentifierKind::unknown);
            CHECK(r.problems.empty());
            CHECK(r.masked.empty());
            CHECK_FALSE(r.hint.has_value());
            break;
        case IdentifierState::incomplete:
            CHECK(r.problems.empty());
            CHECK(r.hint.has_value());
            break;
        case IdentifierState::valid:
            CHECK(r.problems.empty());
            CHECK_FALSE(r.hint.has_value());
            CHECK(r.kind != IdentifierKind::unknown);
            CHECK(!r.normalized.empty());
            break;
        case IdentifierState::valid_with_warning:
            REQUIRE(!r.problems.empty());
            for (const auto& p : r.problems) CHECK(p.severity == Severity::warning);
            CHECK(r.kind != IdentifierKind::unknown);
            break;
        case IdentifierState::invalid:
            REQUIRE(!r.problems.empty());
            CHECK(r.problems.front().is_error());
            break;
    }
    CHECK(r.acceptable() == (r.state == IdentifierState::valid || r.state == IdentifierState::valid_with_warning));
    if (r.acceptable()) CHECK(bullets(r.masked) >= 1);
    return r;
}

IdentifierCheck id(std::string_view typed, std::span<const Operator> operators = {}) {
    INFO("typed: ", typed);
    IdentifierCheck r = identify(typed, operators);
    consistent(r);
    return r;
}

// The single problem of a result.
const Problem& only_problem(const IdentifierCheck& r) {
    REQUIRE(r.problems.size() == 1);
    return r.problems.front();
}

void expect_valid(const IdentifierCheck& r, IdentifierKind kind, std::string_view normalized) {
    CHECK(r.state == IdentifierState::valid);
    CHECK(r.kind == kind);
    CHECK(r.normalized == normalized);
}

void expect_warning(const IdentifierCheck& r, IdentifierKind kind, std::string_view message_id) {
    CHECK(r.state == IdentifierState::valid_with_warning);
    CHECK(r.kind == kind);
    CHECK(only_problem(r).message_id == message_id);
    CHECK(only_problem(r).severity == Severity::warning);
}

void expect_invalid(const IdentifierCheck& r, IdentifierKind kind, std::string_view message_id) {
    CHECK(r.state == IdentifierState::invalid);
    CHECK(r.kind == kind);
    CHECK(only_problem(r).message_id == message_id);
    CHECK(only_problem(r).is_error());
}

void expect_incomplete(const IdentifierCheck& r, IdentifierKind kind, std::string_view hint_id) {
    CHECK(r.state == IdentifierState::incomplete);
    CHECK(r.kind == kind);
    REQUIRE(r.hint.has_value());
    CHECK(r.hint->message_id == hint_id);
}

// `digits` with the Luhn check digit appended.
std::string with_luhn(std::string digits) {
    digits += luhn_check_digit(digits).value();
    return digits;
}

Operator rental_operator(std::string id, std::string name, std::string pattern) {
    Operator op;
    op.id = std::move(id);
    op.name = std::move(name);
    op.order_pattern = std::move(pattern);
    return op;
}

std::vector<Operator> sample_operators() {
    const CatalogLoad load = load_catalog(sample_catalog_json());
    REQUIRE(load.catalog.has_value());
    return load.catalog->operators;
}

// Every beginning of `text` (cut at character boundaries), as typed one key at a time.
std::vector<std::string> prefixes(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 1; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out.emplace_back(text.substr(0, i));
    return out;
}

}  // namespace

TEST_CASE("identifier: Luhn and the EID check") {
    SUBCASE("public values") {
        CHECK(luhn_valid(kIccid20));
        CHECK(luhn_valid(kIccid19));
        CHECK(luhn_valid(kImei));
        CHECK(eid_valid(kEid));
        CHECK(luhn_check_digit("35576205279323") == '5');
        CHECK(luhn_check_digit("894504211802162548") == '6');
        CHECK(luhn_check_digit(kIccid19.substr(0, 18)) == '6');
        CHECK(eid_check_digits(kEid.substr(0, 30)) == 57);
        CHECK(luhn_check_digit("7992739871") == '3');  // the textbook example (ISO/IEC 7812-1)
        CHECK(luhn_valid("79927398713"));
        CHECK(luhn_valid("0"));
        CHECK(luhn_check_digit("0") == '0');
    }
    SUBCASE("every single-digit substitution is caught") {
        // `value` with each digit changed to each other digit: `valid` refuses every one.
        const auto check_substitutions = [](std::string_view value, const auto& valid) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                for (char d = '0'; d <= '9'; ++d) {
                    if (d == value[i]) continue;
                    std::string changed(value);
                    changed[i] = d;
                    INFO(changed);
                    CHECK_FALSE(valid(changed));
                }
            }
        };
        for (std::string_view value : {kIccid20, kIccid19, kImei})
            check_substitutions(value, [](std::string_view v) { return luhn_valid(v); });
        check_substitutions(kEid, [](std::string_view v) { return eid_valid(v); });
    }
    SUBCASE("an adjacent swap is caught by MOD 97-10") {
        std::string swapped(kEid);
        std::swap(swapped[2], swapped[3]);  // "00" → no change, so swap two different digits
        std::swap(swapped[4], swapped[5]);  // "10" → "01"
        CHECK_FALSE(eid_valid(swapped));
    }
    SUBCASE("the check digits complete any 30 digits") {
        for (std::string first : {"890490320000000000000000000000", "350000000000000000000000000010",
                                  "000000000000000000000000000000", "999999999999999999999999999999"}) {
            const auto check = eid_check_digits(first);
            REQUIRE(check.has_value());
            CHECK(*check >= 2);
            CHECK(*check <= 98);
            const std::string eid = first + (*check < 10 ? "0" : "") + std::to_string(*check);
            CHECK(eid_valid(eid));
        }
    }
    SUBCASE("anything but ASCII digits") {
        CHECK_FALSE(luhn_valid(""));
        CHECK_FALSE(luhn_valid("3557620527932 5"));
        CHECK_FALSE(luhn_valid("35576205279323a"));
        CHECK_FALSE(luhn_check_digit("").has_value());
        CHECK_FALSE(luhn_check_digit("12x").has_value());
        CHECK_FALSE(eid_valid(""));
        CHECK_FALSE(eid_valid(std::string(kEid) + "0"));
        CHECK_FALSE(eid_valid(kEid.substr(1)));
        CHECK_FALSE(eid_valid("8900103924018012440000000000015x"));
        CHECK_FALSE(eid_check_digits("12").has_value());
        CHECK_FALSE(eid_check_digits("89001039240180124400000000000a").has_value());
    }
}

TEST_CASE("identifier: ICCID") {
    SUBCASE("20 and 19 digits, plain and grouped") {
        IdentifierCheck r = id(kIccid20);
        expect_valid(r, IdentifierKind::iccid, kIccid20);
        CHECK(r.card == CardKind::sim);
        CHECK(r.masked == "••••••••••••••••4864");
        CHECK(r.issuer.empty());  // 8945: not a Japanese issuer

        r = id("8945 0421 1802 1625 4864");
        expect_valid(r, IdentifierKind::iccid, kIccid20);
        CHECK(r.masked == "•••• •••• •••• •••• 4864");

        expect_valid(id(kIccid19), IdentifierKind::iccid, kIccid19);
        r = id("8944-4765-0000-8878-576");
        expect_valid(r, IdentifierKind::iccid, kIccid19);
        CHECK(r.masked == "•••-••••-••••-••••-8576");  // the last 4 digits together, the rest regrouped in fours
        CHECK(id("  89 4447 6500 0088 7857 6\n").normalized == kIccid19);
    }
    SUBCASE("F pads from modems, leading or trailing, either case") {
        for (std::string typed : {std::string(kIccid19) + "F", std::string(kIccid19) + "f", "F" + std::string(kIccid19),
                                  "f" + std::string(kIccid19), std::string("8944 4765 0000 8878 576F"), std::string("F 8944476500008878576 ")}) {
            INFO(typed);
            const IdentifierCheck r = id(typed);
            expect_valid(r, IdentifierKind::iccid, kIccid19);
            CHECK(r.masked.ends_with("576"));  // the pad is no part of the number, so it is not one of the 4 shown
            CHECK(revealed(r.masked) == 4);
            CHECK(r.masked.find('F') == std::string::npos);
            CHECK(r.masked.find('f') == std::string::npos);
        }
        CHECK(id("F" + std::string(kIccid19) + "F").normalized == kIccid19);
        // A pad comes only with an ICCID: on anything else the F is a letter.
        expect_invalid(id("355762052793235F"), IdentifierKind::unknown, "identifier.letters");
        CHECK(id("355762052793235F").problems[0].arg("character") == "F");
        CHECK(id("355762052793235F").problems[0].arg("position") == "16");
        expect_invalid(id("8944F476500008878576"), IdentifierKind::unknown, "identifier.letters");
        expect_invalid(check_imei("F355762052793235"), IdentifierKind::unknown, "identifier.letters");
    }
    SUBCASE("18 digits: a warning, not a stop") {
        const IdentifierCheck r = id(kIccid19.substr(0, 18));
        expect_warning(r, IdentifierKind::iccid, "identifier.iccid.no_check_digit");
        CHECK(r.problems[0].arg("count") == "18");
        CHECK(r.acceptable());
        CHECK(r.normalized == kIccid19.substr(0, 18));
    }
    SUBCASE("a failed check digit: a warning, not a stop") {
        for (std::string_view value : {kIccid20, kIccid19}) {
            std::string wrong(value);
            wrong.back() = wrong.back() == '9' ? '0' : static_cast<char>(wrong.back() + 1);
            const IdentifierCheck r = id(wrong);
            expect_warning(r, IdentifierKind::iccid, "identifier.iccid.check_digit");
            CHECK(r.acceptable());
            CHECK(r.normalized == wrong);
        }
    }
    SUBCASE("the 89 prefix") {
        std::string wrong(kIccid19);
        wrong[0] = '1', wrong[1] = '2';
        IdentifierCheck r = id(wrong);
        expect_invalid(r, IdentifierKind::iccid, "identifier.iccid.bad_prefix");
        CHECK(r.problems[0].arg("prefix") == "12");
        CHECK(identifier_message_template("identifier.iccid.bad_prefix") ==
              "An ICCID starts with 89; yours starts with {prefix}. Check the number printed on the card.");
        wrong = std::string(kIccid20);
        wrong[1] = '8';
        r = id(wrong);
        expect_invalid(r, IdentifierKind::iccid, "identifier.iccid.bad_prefix");
        CHECK(r.problems[0].arg("prefix") == "88");
        CHECK_FALSE(r.acceptable());
    }
    SUBCASE("Japanese issuers") {
        const std::pair<std::string_view, std::string_view> issuers[] = {
            {"898110", "NTT docomo"}, {"898130", "KDDI (au)"},      {"898131", "UQ"},
            {"898100", "SoftBank"},   {"898120", "SoftBank"},       {"898165", "SoftBank"},
            {"898170", "SoftBank"},   {"898171", "Wireless City Planning"},
            {"898109", "Rakuten Mobile"}, {"898103", "IIJ"},        {"898112", "NTT Com"},
            {"898118", "Japan Communications"},
        };
        for (const auto& [prefix, name] : issuers) {
            const std::string iccid = with_luhn(std::string(prefix) + "120000012345");  // 19 digits
            INFO(iccid);
            const IdentifierCheck r = id(iccid);
            expect_valid(r, IdentifierKind::iccid, iccid);
            CHECK(r.issuer == name);
            CHECK(japanese_iccid_issuer(iccid) == name);
            // Named as soon as the 6 digits are there, while the rest is still being typed.
            const IdentifierCheck typing = id(std::string(prefix) + "12");
            expect_incomplete(typing, IdentifierKind::iccid, "identifier.iccid.incomplete");
            CHECK(typing.issuer == name);
        }
        CHECK(id("8981101200000123452").issuer == "NTT docomo");
        CHECK(id(with_luhn("898199120000012345")).issuer.empty());  // a Japanese prefix not in the table
        CHECK(id("89811").issuer.empty());                          // not 6 digits yet
        CHECK(japanese_iccid_issuer("89811").empty());
        CHECK(japanese_iccid_issuer("").empty());
    }
    SUBCASE("check_iccid on its own") {
        expect_valid(check_iccid(kIccid20), IdentifierKind::iccid, kIccid20);
        expect_valid(check_iccid(std::string(kIccid19) + "F"), IdentifierKind::iccid, kIccid19);
        IdentifierCheck r = check_iccid(std::string(kIccid20) + "1");
        expect_invalid(r, IdentifierKind::iccid, "identifier.iccid.wrong_length");
        CHECK(r.problems[0].arg("count") == "21");
        expect_invalid(check_iccid(kImei), IdentifierKind::iccid, "identifier.iccid.bad_prefix");
        expect_incomplete(check_iccid("8944 4765"), IdentifierKind::iccid, "identifier.iccid.incomplete");
        CHECK(check_iccid("8944 4765").hint->arg("count") == "8");
        expect_invalid(check_iccid("+8944476500008878576"), IdentifierKind::unknown, "identifier.unexpected_character");
        expect_invalid(check_iccid("89444765OOOO8878576"), IdentifierKind::unknown, "identifier.letters");
        CHECK(check_iccid("").state == IdentifierState::empty);
    }
}

TEST_CASE("identifier: IMEI and IMEISV") {
    SUBCASE("the public IMEI") {
        IdentifierCheck r = id(kImei);
        expect_valid(r, IdentifierKind::imei, kImei);
        CHECK(r.card == CardKind::esim);
        CHECK(r.masked == "•••••••••••3235");
        r = id("35-576205-279323-5");  // as *#06# groups it on some phones
        expect_valid(r, IdentifierKind::imei, kImei);
        CHECK(r.masked == "•••-••••-••••-3235");  // the last 4 digits together
        expect_valid(id("35 576205 279323 5"), IdentifierKind::imei, kImei);
        expect_valid(check_imei(kImei), IdentifierKind::imei, kImei);
        const std::string us_phone = with_luhn("01332700123456");  // PTCRB reporting body 01
        expect_valid(id(us_phone), IdentifierKind::imei, us_phone);
    }
    SUBCASE("a failed check digit is an error") {
        std::string wrong(kImei);
        wrong.back() = '6';
        expect_invalid(id(wrong), IdentifierKind::imei, "identifier.imei.check_digit");
        expect_invalid(check_imei(wrong), IdentifierKind::imei, "identifier.imei.check_digit");
    }
    SUBCASE("IMEISV: recognised, explained, and its IMEI derived") {
        for (std::string_view typed : {"3557620527932301", "35 576205 279323 01", "35-576205-279323-42"}) {
            INFO(typed);
            const IdentifierCheck r = id(typed);
            expect_warning(r, IdentifierKind::imeisv, "identifier.imei.is_imeisv");
            CHECK(r.normalized == kImei);  // 14 digits + the computed check digit
            CHECK(r.problems[0].arg("imei") == kImei);
            CHECK(r.card == CardKind::esim);
            CHECK(r.acceptable());
            CHECK(revealed(r.masked) == 4);
        }
        expect_warning(check_imei("3557620527932301"), IdentifierKind::imeisv, "identifier.imei.is_imeisv");
        const IdentifierCheck other = id("0133270012345699");
        CHECK(other.normalized == with_luhn("01332700123456"));
    }
    SUBCASE("check_imei on its own") {
        expect_incomplete(check_imei("3557620527"), IdentifierKind::imei, "identifier.imei.incomplete");
        const IdentifierCheck r = check_imei("35576205279323501");
        expect_invalid(r, IdentifierKind::imei, "identifier.imei.wrong_length");
        CHECK(r.problems[0].arg("count") == "17");
        expect_invalid(check_imei("+355762052793235"), IdentifierKind::unknown, "identifier.unexpected_character");
    }
}

TEST_CASE("identifier: EID") {
    SUBCASE("the public EID, plain and grouped") {
        IdentifierCheck r = id(kEid);
        expect_valid(r, IdentifierKind::eid, kEid);
        CHECK(r.card == CardKind::esim);
        CHECK(r.masked == "••••••••••••••••••••••••••••0157");
        r = id("8900 1039 2401 8012 4400 0000 0000 0157");
        expect_valid(r, IdentifierKind::eid, kEid);
        CHECK(r.masked == "•••• •••• •••• •••• •••• •••• •••• 0157");
        expect_valid(check_eid(kEid), IdentifierKind::eid, kEid);
    }
    SUBCASE("a flipped digit is an error") {
        for (std::size_t at : {std::size_t{0}, std::size_t{5}, std::size_t{17}, std::size_t{31}}) {
            std::string flipped(kEid);
            flipped[at] = flipped[at] == '9' ? '8' : static_cast<char>(flipped[at] + 1);
            INFO(flipped);
            expect_invalid(id(flipped), IdentifierKind::eid, "identifier.eid.check_digits");
            CHECK_FALSE(id(flipped).acceptable());
        }
    }
    SUBCASE("it need not start with 89") {
        const std::string first = "350000000000000000000000000010";
        const int check = eid_check_digits(first).value();
        const std::string eid = first + (check < 10 ? "0" : "") + std::to_string(check);
        expect_valid(id(eid), IdentifierKind::eid, eid);
        const std::string odd = "090000000000000000000000000000";  // a phone-like start: still 32 digits = EID
        const int odd_check = eid_check_digits(odd).value();
        const std::string odd_eid = odd + (odd_check < 10 ? "0" : "") + std::to_string(odd_check);
        expect_valid(id(odd_eid), IdentifierKind::eid, odd_eid);
    }
    SUBCASE("lengths") {
        IdentifierCheck r = id(kEid.substr(0, 25));
        expect_incomplete(r, IdentifierKind::eid, "identifier.eid.incomplete_long");  // too long for an ICCID
        CHECK(r.hint->arg("count") == "25");
        expect_incomplete(id("35000000000000000"), IdentifierKind::eid, "identifier.eid.incomplete");  // 17 digits
        expect_incomplete(check_eid("8900"), IdentifierKind::eid, "identifier.eid.incomplete");
        r = check_eid(std::string(kEid) + "7");
        expect_invalid(r, IdentifierKind::eid, "identifier.eid.wrong_length");
        CHECK(r.problems[0].arg("count") == "33");
        r = id(std::string(kEid) + "7");
        expect_invalid(r, IdentifierKind::unknown, "identifier.too_many_digits");
        CHECK(r.problems[0].arg("count") == "33");
    }
}

TEST_CASE("identifier: Japanese mobile numbers") {
    SUBCASE("every accepted form gives the 11-digit domestic form") {
        const std::string_view forms[] = {
            "09012345678",
            "090-1234-5678",
            "090 1234 5678",
            "(090) 1234-5678",
            "090(1234)5678",
            "+81 90 1234 5678",
            "+81-90-1234-5678",
            "+819012345678",
            "+81 (0)90 1234 5678",  // the 0 that should have gone, written anyway
            "+81 090-1234-5678",
            "0081 90 1234 5678",
            "008190-1234-5678",
            "０９０１２３４５６７８",                    // full-width digits
            "０９０－１２３４－５６７８",                // full-width hyphen
            "＋８１　９０　１２３４　５６７８",          // full-width plus and ideographic space
            "０９０ー１２３４ー５６７８",                // the long-vowel mark an IME gives for "-"
            "090\xE2\x80\x90" "1234\xE2\x80\x94" "5678",  // U+2010 hyphen, U+2014 em dash
            "\xE2\x80\x8B" "090-1234-5678\xEF\xBB\xBF",   // zero-width space and BOM from a paste
            "\t090 1234 5678\r\n",
        };
        for (std::string_view typed : forms) {
            INFO(typed);
            const IdentifierCheck r = id(typed);
            expect_valid(r, IdentifierKind::jp_phone, "09012345678");
            CHECK(r.card == CardKind::sim);
            CHECK(r.masked.ends_with("5678"));
            CHECK(revealed(r.masked) == 4);
            expect_valid(check_jp_phone(typed), IdentifierKind::jp_phone, "09012345678");
        }
        CHECK(id("+81 90 1234 5678").masked == "+•• •• •••• 5678");
        CHECK(id("090-1234-5678").masked == "•••-••••-5678");
        CHECK(id("０９０－１２３４－５６７８").masked == "•••-••••-5678");
        CHECK(id("(090) 1234-5678").masked == "(•••) ••••-5678");
    }
    SUBCASE("060, 070, 080, 090 and 020 (data / M2M)") {
        for (std::string_view number : {"06012345678", "07012345678", "08098765432", "09011112222", "02012345678",
                                        "02098765432"}) {
            expect_valid(id(number), IdentifierKind::jp_phone, number);
        }
        expect_valid(id("+81 20 1234 5678"), IdentifierKind::jp_phone, "02012345678");
        expect_valid(id("020-1234-5678"), IdentifierKind::jp_phone, "02012345678");
    }
    SUBCASE("0X0 followed by 0 is refused") {
        for (std::string_view typed : {"09001234567", "070-0123-4567", "+81 80 0123 4567", "02001234567"}) {
            INFO(typed);
            const IdentifierCheck r = id(typed);
            expect_invalid(r, IdentifierKind::jp_phone, "identifier.phone.zero_after_prefix");
            CHECK_FALSE(r.acceptable());
        }
        CHECK(id("09001234567").problems[0].arg("prefix") == "090");
        CHECK(id("0800").problems[0].arg("prefix") == "080");  // refused as soon as it is typed
    }
    SUBCASE("landlines and other numbers") {
        IdentifierCheck r = id("03-1234-5678");  // Tokyo landline
        expect_invalid(r, IdentifierKind::jp_phone, "identifier.phone.not_mobile");
        CHECK(r.problems[0].arg("prefix") == "03");
        r = id("06-6123-4567");  // Osaka landline: 06 but not 060
        expect_invalid(r, IdentifierKind::jp_phone, "identifier.phone.not_mobile");
        CHECK(r.problems[0].arg("prefix") == "066");
        r = id("0120-123-456");  // toll-free: 01 is not a mobile prefix, so these are digits of an IMEI so far
        CHECK(r.state == IdentifierState::incomplete);
        r = id("+1 415 555 0100");
        expect_invalid(r, IdentifierKind::jp_phone, "identifier.phone.not_japan");
        CHECK(r.problems[0].arg("prefix") == "14");
        expect_invalid(id("+44 7700 900123"), IdentifierKind::jp_phone, "identifier.phone.not_japan");
        r = id("090-1234-56789");
        expect_invalid(r, IdentifierKind::jp_phone, "identifier.phone.too_long");
        CHECK(r.problems[0].arg("count") == "12");
        expect_invalid(id("+81 90 1234 56789"), IdentifierKind::jp_phone, "identifier.phone.too_long");
        expect_invalid(check_jp_phone("9012345678"), IdentifierKind::jp_phone, "identifier.phone.not_mobile");
        expect_invalid(check_jp_phone("090+12345678"), IdentifierKind::unknown, "identifier.unexpected_character");
        expect_invalid(id("090+12345678"), IdentifierKind::unknown, "identifier.unexpected_character");
        CHECK(id("090+12345678").problems[0].arg("character") == "+");
        CHECK(id("090+12345678").problems[0].arg("position") == "4");
    }
    SUBCASE("beginnings") {
        expect_incomplete(id("+"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        expect_incomplete(id("+8"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        expect_incomplete(id("+81"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        expect_incomplete(id("0"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        expect_incomplete(id("00"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        expect_incomplete(id("008"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        expect_incomplete(id("090-12"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
        CHECK(id("090-12").hint->arg("count") == "5");
        CHECK(id("090-12").normalized == "09012");
        expect_incomplete(id("＋８１　９０"), IdentifierKind::jp_phone, "identifier.phone.incomplete");
    }
}

TEST_CASE("identifier: rental order numbers") {
    const std::vector<Operator> sample = sample_operators();
    SUBCASE("the sample catalogue's pattern") {
        for (std::string_view typed : {"TW-20261128", "tw-20261128", "tw20261128", "TW 2026 1128", "  TW-20261128 ",
                                       "ＴＷ－２０２６１１２８", "Tw—20261128"}) {
            INFO(typed);
            const IdentifierCheck r = id(typed, sample);
            expect_valid(r, IdentifierKind::rental_order, "TW-20261128");
            CHECK(r.card == CardKind::wifi);
            CHECK(r.issuer == "Tabi Pocket WiFi");
            CHECK(r.operator_ids == std::vector<std::string>{"tabi-wifi"});
            CHECK(matches_order_pattern("TW-########", r.normalized));
            CHECK(r.masked.ends_with("1128"));
            CHECK(revealed(r.masked) == 4);
            expect_valid(check_rental_order(typed, sample), IdentifierKind::rental_order, "TW-20261128");
        }
        CHECK(id("TW-20261128", sample).masked == "••-••••1128");
    }
    SUBCASE("several operators; which one matched") {
        const std::vector<Operator> ops = {
            rental_operator("lightpocket", "Lightpocket", "LP-@@-######"),
            rental_operator("wifibox", "WiFiBOX", "WB########"),
            rental_operator("mixed", "Mixed Rentals", "@@-****"),
            rental_operator("quoted", "Hash Rentals", "\\#@###"),
            rental_operator("twin", "Twin Rentals", "WB########"),
        };
        IdentifierCheck r = id("lp-ab-123456", ops);
        expect_valid(r, IdentifierKind::rental_order, "LP-AB-123456");
        CHECK(r.operator_ids == std::vector<std::string>{"lightpocket"});
        CHECK(r.issuer == "Lightpocket");
        r = id("WB-20261128", ops);  // a hyphen the pattern does not have is skipped
        expect_valid(r, IdentifierKind::rental_order, "WB20261128");
        CHECK(r.operator_ids == std::vector<std::string>{"wifibox", "twin"});
        CHECK(r.issuer == "WiFiBOX");
        expect_valid(id("ab-x9y1", ops), IdentifierKind::rental_order, "AB-X9Y1");
        CHECK(id("ab-x9y1", ops).issuer == "Mixed Rentals");
        expect_valid(id("#q123", ops), IdentifierKind::rental_order, "#Q123");
        for (const auto& op : ops) CHECK_FALSE(matches_order_pattern(op.order_pattern, "A1-X9Y1"));
        CHECK(id("A1-X9Y1", ops).state == IdentifierState::invalid);
    }
    SUBCASE("a pattern of digits only") {
        const std::vector<Operator> ops = {rental_operator("digits", "Digit Rentals", "########")};
        IdentifierCheck r = id("2026 1128", ops);
        expect_valid(r, IdentifierKind::rental_order, "20261128");
        CHECK(r.issuer == "Digit Rentals");
        // A complete identifier of another kind wins over the pattern's beginning.
        expect_valid(id(kImei, ops), IdentifierKind::imei, kImei);
        expect_incomplete(id("2026", ops), IdentifierKind::imei, "identifier.imei.incomplete");
    }
    SUBCASE("while typing, and what is wrong") {
        IdentifierCheck r = id("TW-2026", sample);
        expect_incomplete(r, IdentifierKind::rental_order, "identifier.order.incomplete");
        CHECK(r.hint->arg("operator") == "Tabi Pocket WiFi");
        CHECK(r.hint->arg("example") == "TW-12345678");
        CHECK(r.issuer == "Tabi Pocket WiFi");
        expect_incomplete(id("t", sample), IdentifierKind::rental_order, "identifier.order.incomplete");

        r = id("TW-2026112X", sample);
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.expected_digit");
        CHECK(r.problems[0].arg("position") == "11");
        CHECK(r.problems[0].arg("operator") == "Tabi Pocket WiFi");
        r = id("TX-20261128", sample);
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.expected_character");
        CHECK(r.problems[0].arg("character") == "W");
        CHECK(r.problems[0].arg("position") == "2");
        r = id("TW-202611281", sample);
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.too_long");
        const std::vector<Operator> letters = {rental_operator("l", "Letter Rentals", "@@@-@@")};
        r = id("ABC-1X", letters);
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.expected_letter");
        CHECK(r.problems[0].arg("position") == "5");
        const std::vector<Operator> mixed = {rental_operator("m", "Mixed Rentals", "A-****")};
        r = id("A-1X!", mixed);
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.expected_letter_or_digit");
        CHECK(r.problems[0].arg("position") == "5");
        expect_incomplete(id("A-1X", mixed), IdentifierKind::rental_order, "identifier.order.incomplete");
        expect_valid(id("a1x9y", mixed), IdentifierKind::rental_order, "A-1X9Y");  // the pattern's "-" left out
    }
    SUBCASE("nothing matches") {
        IdentifierCheck r = id("XY-ABCD", sample);
        expect_invalid(r, IdentifierKind::unknown, "identifier.order.no_match");
        CHECK(r.problems[0].arg("examples") == "TW-12345678");
        r = check_rental_order("XY-ABCD", sample);
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.no_match");
        // Mostly digits with a stray letter: a mistyped number rather than an order number.
        r = id("8945O421180216254864", sample);
        expect_invalid(r, IdentifierKind::unknown, "identifier.letters");
        CHECK(r.problems[0].arg("character") == "O");
        CHECK(r.problems[0].arg("position") == "5");
        // No operator gives a pattern.
        r = check_rental_order("TW-20261128", {});
        expect_invalid(r, IdentifierKind::rental_order, "identifier.order.no_patterns");
        expect_invalid(id("TW-20261128"), IdentifierKind::unknown, "identifier.letters");
        // An invalid pattern (a host's own operator list) is ignored, never matched.
        const std::vector<Operator> broken = {rental_operator("b", "Broken", "TW-"),
                                              rental_operator("c", "Broken Too", "##\\")};
        expect_invalid(check_rental_order("TW-", broken), IdentifierKind::rental_order, "identifier.order.no_patterns");
    }
    SUBCASE("examples of patterns") {
        CHECK(order_pattern_example("TW-########") == "TW-12345678");
        CHECK(order_pattern_example("@@-****") == "AB-XXXX");
        CHECK(order_pattern_example("\\#@###") == "#A123");
        CHECK(order_pattern_example("lp-############") == "LP-123456789012");
        CHECK(order_pattern_example("") == "");
    }
}

TEST_CASE("identifier: masking") {
    CHECK(mask_identifier("8945 0421 1802 1625 4864") == "•••• •••• •••• •••• 4864");
    CHECK(mask_identifier("89450421180216254864") == "••••••••••••••••4864");
    CHECK(mask_identifier("+81 90 1234 5678") == "+•• •• •••• 5678");
    CHECK(mask_identifier("  090   1234   5678  ") == "••• •••• 5678");  // runs of spaces become one
    CHECK(mask_identifier("０９０－１２３４－５６７８") == "•••-••••-5678");
    CHECK(mask_identifier("TW-20261128") == "••-••••1128");
    CHECK(mask_identifier("12345678") == "••••5678");
    // Grouping that splits the last four is dropped inside them; the hidden part is grouped in fours.
    CHECK(mask_identifier("8981 1000 1234 5678 905") == "••• •••• •••• •••• 8905");
    CHECK(mask_identifier("8981-1000-1234-5678-905") == "•••-••••-••••-••••-8905");
    CHECK(mask_identifier("8981 1000 1234 5678 905").ends_with("•••• 8905"));
    CHECK(mask_identifier("090-1234-567-8") == "•••-••••-5678");
    CHECK(mask_identifier("TW-2026112-8") == "••-••••-1128");
    CHECK(mask_identifier("(090) 1234 5678)") == "(•••) •••• 5678)");  // a trailing mark does not split the four
    // Short input shows at most half of it.
    CHECK(mask_identifier("1234567") == "••••567");
    CHECK(mask_identifier("1234") == "••34");
    CHECK(mask_identifier("12") == "•2");
    CHECK(mask_identifier("1") == "•");
    CHECK(mask_identifier("") == "");
    CHECK(mask_identifier(" - ") == "");
    // Characters with no ASCII form are never shown; control characters and broken bytes are dropped.
    CHECK(mask_identifier("注文1234") == "•••234");
    CHECK(mask_identifier("1234\x01" "5678") == "••••5678");
    CHECK(mask_identifier("1234\xff" "5678") == "••••5678");
    // Too long: nothing shown.
    const std::string long_input(100, '7');
    const std::string masked = mask_identifier(long_input);
    CHECK(revealed(masked) == 0);
    CHECK(masked.ends_with("…"));
    CHECK(bullets(masked) == kMaxIdentifierChars);
    // Never more than 4 characters of the identifier, whatever it is.
    for (std::string_view typed : {kIccid20, kIccid19, kImei, kEid, std::string_view("TW-20261128"),
                                   std::string_view("a1b2c3d4e5f6"), std::string_view("AbCdEfGhIj")}) {
        CHECK(revealed(mask_identifier(typed)) == 4);
    }
}

TEST_CASE("identifier: detection of each kind") {
    const std::vector<Operator> sample = sample_operators();
    CHECK(id(kIccid20, sample).kind == IdentifierKind::iccid);
    CHECK(id(kIccid19, sample).kind == IdentifierKind::iccid);
    CHECK(id(kImei, sample).kind == IdentifierKind::imei);
    CHECK(id("3557620527932301", sample).kind == IdentifierKind::imeisv);
    CHECK(id(kEid, sample).kind == IdentifierKind::eid);
    CHECK(id("090-1234-5678", sample).kind == IdentifierKind::jp_phone);
    CHECK(id("TW-20261128", sample).kind == IdentifierKind::rental_order);
    CHECK(id("", sample).kind == IdentifierKind::unknown);
    // 15 digits could only be an IMEI...
    CHECK(id(with_luhn("86012345678901"), sample).kind == IdentifierKind::imei);
    // ...except the first 15 digits of an ICCID on its way (no IMEI starts with 89).
    expect_incomplete(id(kIccid20.substr(0, 15)), IdentifierKind::iccid, "identifier.iccid.incomplete");
    expect_incomplete(id(kIccid20.substr(0, 16)), IdentifierKind::iccid, "identifier.iccid.incomplete");
    // 11 digits starting 0X0 are a phone number.
    CHECK(id("08012345678").kind == IdentifierKind::jp_phone);
    // Nothing has 33 digits.
    const IdentifierCheck r = id(std::string(33, '5'));
    expect_invalid(r, IdentifierKind::unknown, "identifier.too_many_digits");
    CHECK(identifier_message_template("identifier.too_many_digits").find("ICCID (19–20 digits), IMEI (15), EID (32)") !=
          std::string_view::npos);
    CHECK(to_string(IdentifierKind::rental_order) == "rental_order");
    CHECK(to_string(IdentifierKind::imeisv) == "imeisv");
    CHECK(to_string(IdentifierState::valid_with_warning) == "valid_with_warning");
    CHECK(to_string(IdentifierState::incomplete) == "incomplete");
}

TEST_CASE("identifier: typing prefix by prefix") {
    const std::vector<Operator> sample = sample_operators();
    SUBCASE("never refused on the way to a valid identifier") {
        const std::string_view values[] = {
            kIccid20, kIccid19, "8944 4765 0000 8878 576F", kImei, "35 576205 279323 5", kEid,
            "8900 1039 2401 8012 4400 0000 0000 0157", "090-1234-5678", "+81 90 1234 5678", "0081 80 1234 5678",
            "(070) 1234-5678", "０９０－１２３４－５６７８", "＋８１　９０　１２３４　５６７８", "020-1234-5678",
            "TW-20261128", "tw20261128", "01 332700 123456 8",
        };
        for (std::string_view value : values) {
            for (const std::string& typed : prefixes(value)) {
                INFO(typed);
                const IdentifierCheck r = id(typed, sample);
                CHECK(r.state != IdentifierState::invalid);
            }
            CHECK(id(value, sample).state == IdentifierState::valid);
        }
    }
    SUBCASE("the states of an ICCID as it grows") {
        for (std::size_t n = 1; n < 18; ++n) {
            INFO(n);
            const IdentifierCheck r = id(kIccid20.substr(0, n));
            CHECK(r.state == IdentifierState::incomplete);
            CHECK(r.kind == (n == 1 ? IdentifierKind::unknown : IdentifierKind::iccid));
        }
        CHECK(id(kIccid20.substr(0, 18)).state == IdentifierState::valid_with_warning);
        CHECK(id(kIccid20).state == IdentifierState::valid);
    }
    SUBCASE("the states of an EID as it grows") {
        for (std::size_t n = 21; n < 32; ++n) {
            expect_incomplete(id(kEid.substr(0, n)), IdentifierKind::eid, "identifier.eid.incomplete_long");
        }
        CHECK(id(kEid).state == IdentifierState::valid);
    }
    SUBCASE("the states of an IMEI as it grows") {
        CHECK(id("3").kind == IdentifierKind::imei);
        for (std::size_t n = 2; n < 15; ++n) {
            const IdentifierCheck r = id(kImei.substr(0, n));
            expect_incomplete(r, IdentifierKind::imei, "identifier.imei.incomplete");
            CHECK(r.hint->arg("count") == std::to_string(n));
        }
        expect_incomplete(id("8"), IdentifierKind::unknown, "identifier.incomplete");
    }
}

TEST_CASE("identifier: bad input of any kind") {
    SUBCASE("empty") {
        for (std::string_view typed : {"", " ", "   ", "\t\n", "-", " - ( ) ", "\xE3\x80\x80", "\xE2\x80\x8B"}) {
            const IdentifierCheck r = id(typed);
            CHECK(r.state == IdentifierState::empty);
            CHECK_FALSE(r.acceptable());
            CHECK(check_iccid(typed).state == IdentifierState::empty);
            CHECK(check_rental_order(typed, {}).state == IdentifierState::empty);
        }
    }
    SUBCASE("too long") {
        const std::string huge(1 << 20, '8');
        IdentifierCheck r = id(huge);
        expect_invalid(r, IdentifierKind::unknown, "identifier.too_long");
        CHECK(r.problems[0].arg("max") == "64");
        CHECK(revealed(r.masked) == 0);
        expect_invalid(id(std::string(65, '1')), IdentifierKind::unknown, "identifier.too_long");
        expect_invalid(check_eid(std::string(65, '1')), IdentifierKind::unknown, "identifier.too_long");
        expect_invalid(check_rental_order(std::string(65, 'A'), {}), IdentifierKind::unknown, "identifier.too_long");
        // 64 characters are still read: the EID with a space after every digit but the last is 63.
        std::string spaced;
        for (char c : kEid) (spaced += c) += ' ';
        spaced.pop_back();
        CHECK(spaced.size() == 63);
        expect_valid(id(spaced), IdentifierKind::eid, kEid);
        expect_valid(id(spaced + " "), IdentifierKind::eid, kEid);
        expect_invalid(id(spaced + "  "), IdentifierKind::unknown, "identifier.too_long");
        // Full-width characters count as one character each, not three bytes.
        std::string wide;
        for (char c : kEid) wide += std::string("\xEF\xBC") + static_cast<char>('\x90' + (c - '0'));
        expect_valid(id(wide), IdentifierKind::eid, kEid);
    }
    SUBCASE("invalid UTF-8") {
        for (std::string_view typed : {"\xff", "0901234\xff" "5678", "\xC0\xAF", "\xE2\x80", "\xED\xA0\x80",
                                       "\xF4\x90\x80\x80", "\x80\x80", "\xF0\x9F\x98"}) {
            const IdentifierCheck r = id(typed);
            expect_invalid(r, IdentifierKind::unknown, "identifier.invalid_text");
        }
        CHECK(id("0901234\xff" "5678").problems[0].arg("position") == "8");
        CHECK(id("0901234\xff" "5678").masked == "•••••••5678");
    }
    SUBCASE("control characters") {
        const IdentifierCheck r = id(std::string("0901234\x00" "5678", 12));
        expect_invalid(r, IdentifierKind::unknown, "identifier.control_character");
        CHECK(r.problems[0].arg("position") == "8");
        expect_invalid(id("\x1b[31m"), IdentifierKind::unknown, "identifier.control_character");
        expect_invalid(id("12\x7f"), IdentifierKind::unknown, "identifier.control_character");
        expect_invalid(id("12\xC2\x85"), IdentifierKind::unknown, "identifier.control_character");  // U+0085
        expect_invalid(check_rental_order("TW\x01", sample_operators()), IdentifierKind::unknown,
                       "identifier.control_character");
    }
    SUBCASE("letters and symbols") {
        IdentifierCheck r = id("hello");
        expect_invalid(r, IdentifierKind::unknown, "identifier.letters");
        CHECK(r.problems[0].arg("character") == "h");
        r = id("0901234😀5678");
        expect_invalid(r, IdentifierKind::unknown, "identifier.unexpected_character");
        CHECK(r.problems[0].arg("character") == "😀");
        CHECK(r.problems[0].arg("position") == "8");
        r = id("注文番号");
        expect_invalid(r, IdentifierKind::unknown, "identifier.unexpected_character");
        CHECK(r.problems[0].arg("character") == "注");
        expect_invalid(id("8945#0421"), IdentifierKind::unknown, "identifier.unexpected_character");
        expect_invalid(id("1,234"), IdentifierKind::unknown, "identifier.unexpected_character");
        expect_invalid(id("ＡＢＣ"), IdentifierKind::unknown, "identifier.letters");
        CHECK(id("ＡＢＣ").problems[0].arg("character") == "Ａ");  // the character as typed
    }
    SUBCASE("random bytes never crash and always give a consistent result") {
        const std::vector<Operator> ops = {rental_operator("a", "A", "TW-########"), rental_operator("b", "B", "@@-****"),
                                           rental_operator("c", "C", "########")};
        std::uint32_t state = 12345;
        const auto next = [&] {
            state = state * 1664525u + 1013904223u;
            return state >> 24;
        };
        constexpr std::string_view kAlphabet = "0123456789 -+()Ff89TWtw\xEF\xBC\x90\xE3\x83\xBC";
        for (int round = 0; round < 3000; ++round) {
            std::string typed;
            const std::size_t length = next() % 48;
            for (std::size_t i = 0; i < length; ++i) {
                // Half the rounds from a likely alphabet (deep paths), half raw bytes.
                typed += round % 2 ? static_cast<char>(next()) : kAlphabet[next() % kAlphabet.size()];
            }
            INFO(round);
            const IdentifierCheck r = id(typed, ops);
            if (r.acceptable()) {
                CHECK(!r.normalized.empty());
                if (r.kind == IdentifierKind::rental_order) {
                    const bool matched = std::any_of(ops.begin(), ops.end(), [&](const Operator& op) {
                        return matches_order_pattern(op.order_pattern, r.normalized);
                    });
                    CHECK(matched);
                } else {
                    CHECK(std::all_of(r.normalized.begin(), r.normalized.end(), [](char c) { return c >= '0' && c <= '9'; }));
                }
            }
            consistent(check_iccid(typed));
            consistent(check_imei(typed));
            consistent(check_eid(typed));
            consistent(check_jp_phone(typed));
            consistent(check_rental_order(typed, ops));
            CHECK(revealed(mask_identifier(typed)) <= kMaskVisibleChars);
        }
    }
}

TEST_CASE("identifier: message catalogue") {
    const auto ids = identifier_message_ids();
    CHECK(ids.size() >= 30);
    std::set<std::string_view> unique(ids.begin(), ids.end());
    CHECK(unique.size() == ids.size());
    for (std::string_view message_id : ids) {
        INFO(message_id);
        CHECK(message_id.starts_with("identifier."));
        CHECK(!identifier_message_template(message_id).empty());
    }
    CHECK(identifier_message_template("identifier.nope").empty());
    CHECK(identifier_message_template("").empty());
}
