#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/device_check.h"
#include "sample_catalog.h"

using namespace tabi;
using test::sample;

namespace {


const Device& sample_device(std::string_view model) {
    for (const Device& d : sample().devices)
        if (d.model == model) return d;
    FAIL("no sample device ", model);
    return sample().devices.front();
}

const Plan& sample_plan_of(std::string_view product_id) {
    for (const Plan& p : sample().plans)
        if (p.product_id == product_id) return p;
    FAIL("no sample product ", product_id);
    return sample().plans.front();
}

Device crafted(std::vector<int> lte, std::vector<int> nr = {}, bool esim = true) {
    Device d;
    d.brand = "Test";
    d.model = "Phone";
    d.lte_bands = std::move(lte);
    d.nr_bands = std::move(nr);
    d.esim = esim;
    return d;
}

// A message must have an English template and every argument the template names.
void check_message(const DeviceMessage& m) {
    INFO(m.message_id);
    const std::string_view text = device_message_template(m.message_id);
    REQUIRE(!text.empty());
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::string name(text.substr(open + 1, text.find('}', open) - open - 1));
        CHECK_MESSAGE(std::any_of(m.args.begin(), m.args.end(), [&](const MessageArg& a) { return a.name == name; }),
                      "missing arg ", name);
    }
}

void check_messages(const DeviceReport& r) {
    check_message(r.headline);
    for (const auto& n : r.notes) check_message(n);
    for (const auto& c : r.carriers) {
        check_message(c.summary);
        check_message(c.five_g_message);
    }
}

std::vector<std::string> note_ids(const DeviceReport& r) {
    std::vector<std::string> ids;
    for (const auto& n : r.notes) ids.push_back(n.message_id);
    return ids;
}

bool has_note(const DeviceReport& r, std::string_view id) {
    return std::any_of(r.notes.begin(), r.notes.end(), [&](const DeviceMessage& m) { return m.message_id == id; });
}

std::vector<std::string> models(const std::vector<DeviceMatch>& matches) {
    std::vector<std::string> out;
    for (const auto& m : matches) out.push_back(m.device->model);
    return out;
}

Catalog catalog_of(const std::vector<std::pair<std::string, std::string>>& names) {
    Catalog c;
    for (const auto& [brand, model] : names) {
        Device d = crafted({1});
        d.brand = brand;
        d.model = model;
        c.devices.push_back(d);
    }
    return c;
}

const std::vector<std::string> kAllNetworks = {"docomo", "au", "softbank", "rakuten"};

}  // namespace

TEST_CASE("carrier names round-trip and tables are ordered") {
    for (const Carrier c : kCarriers) {
        CHECK(carrier_from_string(to_string(c)) == c);
        CHECK(!carrier_name(c).empty());
        const auto lte = carrier_lte_bands(c);
        CHECK(std::is_sorted(lte.begin(), lte.end(), [](auto a, auto b) { return a.band < b.band; }));
        CHECK(std::any_of(lte.begin(), lte.end(), [](auto b) { return b.role == BandRole::essential; }));
        const auto nr = carrier_nr_bands(c);
        CHECK(std::any_of(nr.begin(), nr.end(), [](auto b) { return b.role == BandRole::main_5g; }));
    }
    CHECK(carrier_name(Carrier::docomo) == "NTT docomo");
    CHECK(!carrier_from_string("DOCOMO"));
    CHECK(!carrier_from_string("ymobile"));
    CHECK(to_string(DeviceVerdict::partial) == "partial");
    CHECK(to_string(FiveG::full) == "full");
}

TEST_CASE("sample catalogue devices on each carrier") {
    struct Expect {
        std::string_view model;
        FiveG docomo_5g, au_5g, softbank_5g, rakuten_5g;
        std::vector<int> docomo_missing_nice, au_missing_nice, softbank_missing_nice;
    };
    const std::vector<Expect> expectations = {
        {"iPhone 16", FiveG::full, FiveG::full, FiveG::full, FiveG::full, {}, {}, {}},
        {"iPhone 15", FiveG::full, FiveG::full, FiveG::full, FiveG::full, {}, {}, {}},
        {"iPhone SE (3rd generation)", FiveG::full, FiveG::full, FiveG::full, FiveG::full, {}, {}, {}},
        {"iPhone XR", FiveG::none, FiveG::none, FiveG::none, FiveG::none, {28}, {28}, {28}},
        {"Pixel 8", FiveG::full, FiveG::full, FiveG::full, FiveG::full, {}, {11}, {11}},
        {"Pixel 7a", FiveG::partial, FiveG::full, FiveG::full, FiveG::full, {}, {11}, {11}},
        {"Galaxy S24 (SM-S921B)", FiveG::partial, FiveG::full, FiveG::full, FiveG::full, {21}, {11}, {11}},
        {"Galaxy A54 5G (SM-A546B)", FiveG::partial, FiveG::full, FiveG::full, FiveG::full, {21}, {11}, {11}},
        {"Redmi Note 13 Pro 5G", FiveG::partial, FiveG::full, FiveG::full, FiveG::full, {21}, {11}, {11}},
        {"Reno10 Pro 5G (global)", FiveG::partial, FiveG::full, FiveG::full, FiveG::full, {21}, {11}, {11}},
    };
    REQUIRE(sample().devices.size() == expectations.size());
    for (const auto& e : expectations) {
        const Device& d = sample_device(e.model);
        INFO(e.model);
        // Every sample phone covers the essential and coverage bands of every carrier and most nice ones.
        for (const Carrier c : kCarriers) {
            INFO(to_string(c));
            const CarrierFit fit = check_carrier(d, c);
            CHECK(fit.verdict == DeviceVerdict::good);
            CHECK(fit.missing_essential.empty());
            CHECK(fit.missing_coverage.empty());
            CHECK(fit.summary.message_id == "device.carrier.good");
            CHECK(fit.summary.arg("carrier") == carrier_name(c));
        }
        CHECK(check_carrier(d, Carrier::docomo).five_g == e.docomo_5g);
        CHECK(check_carrier(d, Carrier::au).five_g == e.au_5g);
        CHECK(check_carrier(d, Carrier::softbank).five_g == e.softbank_5g);
        CHECK(check_carrier(d, Carrier::rakuten).five_g == e.rakuten_5g);
        CHECK(check_carrier(d, Carrier::docomo).missing_nice == e.docomo_missing_nice);
        CHECK(check_carrier(d, Carrier::au).missing_nice == e.au_missing_nice);
        CHECK(check_carrier(d, Carrier::softbank).missing_nice == e.softbank_missing_nice);

        const DeviceReport all = check_device(&d, std::nullopt, kAllNetworks);
        check_messages(all);
        CHECK(all.verdict == DeviceVerdict::good);
        CHECK(all.carriers.size() == 4);
        CHECK(all.notes.back().message_id == "device.carrier_lock");
    }

    const CarrierFit iphone = check_carrier(sample_device("iPhone 16"), Carrier::docomo);
    CHECK(iphone.summary.arg("bands") == "1, 3, 19, 21, 28, 42");
    CHECK(iphone.covered_nr == std::vector<int>{78, 79});
    CHECK(iphone.five_g_message.message_id == "device.5g.full");
    CHECK(iphone.five_g_message.arg("bands") == "n78, n79");

    const CarrierFit xr = check_carrier(sample_device("iPhone XR"), Carrier::softbank);
    CHECK(xr.five_g_message.message_id == "device.5g.none");
    CHECK(xr.covered_lte == std::vector<int>{1, 3, 8, 11, 41});

    const CarrierFit pixel7a = check_carrier(sample_device("Pixel 7a"), Carrier::docomo);
    CHECK(pixel7a.missing_nr == std::vector<int>{79});
    CHECK(pixel7a.five_g_message.message_id == "device.5g.partial");
    CHECK(pixel7a.five_g_message.arg("bands") == "n78");
    CHECK(pixel7a.five_g_message.arg("missing") == "n79");

    // The Galaxy A54 has band 26 but neither 18 nor 19: 26 covers both.
    const Device& a54 = sample_device("Galaxy A54 5G (SM-A546B)");
    CHECK(check_carrier(a54, Carrier::docomo).via_band26);
    CHECK(check_carrier(a54, Carrier::au).covered_lte == std::vector<int>{1, 3, 18, 28, 41});
    const DeviceReport a54_all = check_device(&a54, CardKind::sim, kAllNetworks);
    REQUIRE(has_note(a54_all, "device.band26"));
    for (const auto& n : a54_all.notes)
        if (n.message_id == "device.band26") CHECK(n.arg("bands") == "18, 19");
    CHECK(!has_note(check_device(&sample_device("Pixel 8"), CardKind::sim, kAllNetworks), "device.band26"));
}

TEST_CASE("only band 26 covers 18 and 19") {
    const Device only26 = crafted({26});
    CHECK(covers_lte_band(only26, 18));
    CHECK(covers_lte_band(only26, 19));
    CHECK(covers_lte_band(only26, 26));
    CHECK(!covers_lte_band(only26, 5));
    CHECK(!covers_lte_band(crafted({18}), 19));
    CHECK(!covers_lte_band(crafted({19}), 18));

    const CarrierFit docomo = check_carrier(only26, Carrier::docomo);
    CHECK(docomo.covered_lte == std::vector<int>{19});
    CHECK(docomo.missing_coverage.empty());
    CHECK(docomo.via_band26);
    CHECK(docomo.verdict == DeviceVerdict::poor);  // band 1 is still missing
    CHECK(docomo.missing_essential == std::vector<int>{1});

    // Band 1 plus 26: au's essential 18 is covered; no nice-to-have band, so partial (slower), not poor.
    const CarrierFit au = check_carrier(crafted({1, 26}), Carrier::au);
    CHECK(au.missing_essential.empty());
    CHECK(au.covered_lte == std::vector<int>{1, 18});
    CHECK(au.verdict == DeviceVerdict::partial);
    CHECK(au.summary.message_id == "device.carrier.partial_speed");
    CHECK(au.summary.arg("bands") == "11, 28");

    // Rakuten: 3 plus 26 covers the au partner roaming on 18.
    const CarrierFit rakuten = check_carrier(crafted({3, 26}), Carrier::rakuten);
    CHECK(rakuten.verdict == DeviceVerdict::good);
    CHECK(rakuten.covered_lte == std::vector<int>{3, 18});
}

TEST_CASE("no band 1 is poor on docomo, au and SoftBank") {
    const Device no1 = crafted({3, 8, 11, 18, 19, 21, 28, 41, 42});
    for (const Carrier c : {Carrier::docomo, Carrier::au, Carrier::softbank}) {
        INFO(to_string(c));
        const CarrierFit fit = check_carrier(no1, c);
        CHECK(fit.verdict == DeviceVerdict::poor);
        CHECK(fit.missing_essential == std::vector<int>{1});
        CHECK(fit.summary.message_id == "device.carrier.poor");
        CHECK(fit.summary.level == NoteLevel::blocker);
        CHECK(fit.summary.arg("bands") == "1");
    }
    CHECK(check_carrier(no1, Carrier::rakuten).verdict == DeviceVerdict::good);

    // SoftBank also needs band 8; au band 18 (or 26); Rakuten band 3.
    CHECK(check_carrier(crafted({1, 3, 11, 28}), Carrier::softbank).missing_essential == std::vector<int>{8});
    CHECK(check_carrier(crafted({1, 11, 28}), Carrier::au).missing_essential == std::vector<int>{18});
    CHECK(check_carrier(crafted({1, 18, 28}), Carrier::rakuten).missing_essential == std::vector<int>{3});
    // A phone with no LTE band at all is poor everywhere.
    for (const Carrier c : kCarriers) CHECK(check_carrier(crafted({}), c).verdict == DeviceVerdict::poor);
}

TEST_CASE("docomo without 19 is partial; Rakuten without 18 is partial") {
    const CarrierFit docomo = check_carrier(crafted({1, 3, 21, 28}), Carrier::docomo);
    CHECK(docomo.verdict == DeviceVerdict::partial);
    CHECK(docomo.missing_coverage == std::vector<int>{19});
    CHECK(docomo.summary.message_id == "device.carrier.partial_coverage");
    CHECK(docomo.summary.level == NoteLevel::warning);
    CHECK(docomo.summary.arg("bands") == "19");

    const CarrierFit rakuten = check_carrier(crafted({1, 3, 28}), Carrier::rakuten);
    CHECK(rakuten.verdict == DeviceVerdict::partial);
    CHECK(rakuten.missing_coverage == std::vector<int>{18});

    // Nice-to-have bands: at least half makes good.
    CHECK(check_carrier(crafted({1, 19, 3}), Carrier::docomo).verdict == DeviceVerdict::partial);  // 1 of 3
    CHECK(check_carrier(crafted({1, 19, 3, 28}), Carrier::docomo).verdict == DeviceVerdict::good);  // 2 of 3
    CHECK(check_carrier(crafted({1, 18, 11}), Carrier::au).verdict == DeviceVerdict::good);        // 1 of 2
    CHECK(check_carrier(crafted({1, 8}), Carrier::softbank).verdict == DeviceVerdict::partial);    // 0 of 3
    CHECK(check_carrier(crafted({1, 8, 3, 28}), Carrier::softbank).verdict == DeviceVerdict::good);
    CHECK(check_carrier(crafted({3}), Carrier::rakuten).verdict == DeviceVerdict::partial);
    CHECK(check_carrier(crafted({3, 18}), Carrier::rakuten).verdict == DeviceVerdict::good);
    // Capacity bands (42, 41, au's 3) change nothing.
    CHECK(check_carrier(crafted({1, 19, 3, 28, 42}), Carrier::docomo).missing_nice == std::vector<int>{21});
}

TEST_CASE("5G: n78 without n77") {
    const Device n78 = crafted({1, 3, 8, 11, 18, 19, 21, 28}, {78});
    for (const Carrier c : {Carrier::softbank, Carrier::rakuten}) {
        INFO(to_string(c));
        const CarrierFit fit = check_carrier(n78, c);
        CHECK(fit.five_g == FiveG::none);
        CHECK(fit.covered_nr.empty());
        CHECK(fit.missing_nr == std::vector<int>{77});
        CHECK(fit.five_g_message.message_id == "device.5g.n78_not_enough");
        CHECK(fit.verdict == DeviceVerdict::good);  // LTE carries the verdict
    }
    const CarrierFit au = check_carrier(n78, Carrier::au);
    CHECK(au.five_g == FiveG::partial);
    CHECK(au.missing_nr == std::vector<int>{77});
    CHECK(au.five_g_message.arg("missing") == "n77");
    const CarrierFit docomo = check_carrier(n78, Carrier::docomo);
    CHECK(docomo.five_g == FiveG::partial);
    CHECK(docomo.missing_nr == std::vector<int>{79});

    const CarrierFit with77 = check_carrier(crafted({1, 8, 3}, {77}), Carrier::softbank);
    CHECK(with77.five_g == FiveG::full);
    CHECK(with77.five_g_message.arg("bands") == "n77");
    // Millimetre wave alone is some 5G, never "missing".
    const CarrierFit mmwave = check_carrier(crafted({1, 8, 3}, {257}), Carrier::softbank);
    CHECK(mmwave.five_g == FiveG::partial);
    CHECK(mmwave.covered_nr == std::vector<int>{257});
    CHECK(check_carrier(crafted({1, 8, 3}, {1, 3}), Carrier::softbank).five_g_message.message_id == "device.5g.none");
}

TEST_CASE("a plan's verdict is the best over its networks") {
    const Device sb_only = crafted({1, 3, 8, 28});  // SoftBank good; docomo partial (no 19)
    using Networks = std::vector<std::string>;
    for (const auto& networks : {Networks{"softbank", "docomo"}, Networks{"docomo", "softbank"}}) {
        const DeviceReport r = check_device(&sb_only, CardKind::sim, networks);
        check_messages(r);
        REQUIRE(r.carriers.size() == 2);
        CHECK(to_string(r.carriers[0].carrier) == networks[0]);
        REQUIRE(r.best);
        CHECK(r.carriers[*r.best].carrier == Carrier::softbank);
        CHECK(r.verdict == DeviceVerdict::good);
        CHECK(r.headline.message_id == "device.summary.good");
        CHECK(r.headline.arg("carrier") == "SoftBank");
        CHECK(r.headline.arg("device") == "Test Phone");
    }

    const DeviceReport docomo_only = check_device(&sb_only, CardKind::sim, std::vector<std::string>{"docomo"});
    CHECK(docomo_only.verdict == DeviceVerdict::partial);
    CHECK(docomo_only.headline.message_id == "device.summary.partial");
    CHECK(docomo_only.headline.arg("bands") == "19");
    CHECK(docomo_only.headline.arg("carrier") == "NTT docomo");

    // Poor on both: the headline names the carrier with fewer missing bands, and those bands.
    const DeviceReport poor = check_device(&sb_only, CardKind::sim, std::vector<std::string>{"au", "rakuten"});
    CHECK(poor.verdict == DeviceVerdict::partial);  // Rakuten: 3 present, 18 missing
    const Device band3 = crafted({3});
    const DeviceReport poor2 = check_device(&band3, CardKind::sim, std::vector<std::string>{"softbank", "docomo"});
    CHECK(poor2.verdict == DeviceVerdict::poor);
    CHECK(poor2.headline.message_id == "device.summary.poor");
    CHECK(poor2.headline.level == NoteLevel::blocker);
    CHECK(poor2.headline.arg("carrier") == "NTT docomo");
    CHECK(poor2.headline.arg("bands") == "1");
    check_messages(poor2);

    // Unknown and repeated network names are skipped; none known means all four carriers.
    const DeviceReport dup = check_device(&sb_only, CardKind::sim, Networks{"softbank", "x", "softbank"});
    CHECK(dup.carriers.size() == 1);
    CHECK(check_device(&sb_only, CardKind::sim, std::vector<std::string>{"povo"}).carriers.size() == 4);
    CHECK(check_device(&sb_only, CardKind::sim, std::vector<std::string>{}).carriers.size() == 4);
}

TEST_CASE("sample plans: SIM, eSIM and pocket WiFi") {
    const Plan& docomo_sim = sample_plan_of("sakura-visitor-sim");
    const Plan& esim = sample_plan_of("kumo-japan-esim");
    const Plan& wifi = sample_plan_of("tabi-pocket-wifi");
    REQUIRE(esim.card == CardKind::esim);

    const Device& redmi = sample_device("Redmi Note 13 Pro 5G");  // no eSIM
    const DeviceReport esim_redmi = check_device(&redmi, esim);
    check_messages(esim_redmi);
    CHECK(esim_redmi.verdict == DeviceVerdict::poor);
    CHECK(esim_redmi.esim_needed);
    CHECK(esim_redmi.esim == false);
    CHECK(esim_redmi.headline.message_id == "device.summary.no_esim");
    CHECK(esim_redmi.headline.level == NoteLevel::blocker);
    CHECK(esim_redmi.headline.arg("device") == "Xiaomi Redmi Note 13 Pro 5G");
    CHECK(esim_redmi.carriers.size() == 2);  // the bands are still shown
    CHECK(esim_redmi.carriers[0].verdict == DeviceVerdict::good);
    CHECK(esim_redmi.notes.back().message_id == "device.carrier_lock");

    const DeviceReport sim_redmi = check_device(&redmi, docomo_sim);
    CHECK(sim_redmi.verdict == DeviceVerdict::good);
    CHECK(!sim_redmi.esim_needed);
    CHECK(!has_note(sim_redmi, "device.esim.no"));
    CHECK(note_ids(sim_redmi) == std::vector<std::string>{"device.carrier_lock"});

    const Device& iphone = sample_device("iPhone 16");
    const DeviceReport esim_iphone = check_device(&iphone, esim);
    check_messages(esim_iphone);
    CHECK(esim_iphone.verdict == DeviceVerdict::good);
    CHECK(esim_iphone.headline.arg("carrier") == "SoftBank");
    CHECK(note_ids(esim_iphone) ==
          std::vector<std::string>{"device.esim.yes", "device.note", "device.carrier_lock"});
    CHECK(esim_iphone.notes[1].arg("note") == iphone.note);
    CHECK(esim_iphone.notes[1].arg("device") == "Apple iPhone 16");

    // Card kind not chosen yet: eSIM support is told either way.
    CHECK(has_note(check_device(&redmi, std::nullopt, kAllNetworks), "device.esim.no"));
    CHECK(check_device(&redmi, std::nullopt, kAllNetworks).verdict == DeviceVerdict::good);
    CHECK(has_note(check_device(&iphone, std::nullopt, kAllNetworks), "device.esim.yes"));

    // A pocket WiFi works with any phone, known or not.
    const Device no_lte = crafted({}, {}, false);
    for (const Device* d : {&redmi, &no_lte, static_cast<const Device*>(nullptr)}) {
        const DeviceReport r = check_device(d, wifi);
        check_messages(r);
        CHECK(r.verdict == DeviceVerdict::good);
        CHECK(r.headline.message_id == "device.summary.wifi");
        CHECK(r.carriers.empty());
    }
}

TEST_CASE("I'm not sure") {
    for (const std::optional<CardKind> card : {std::optional<CardKind>{}, std::optional{CardKind::sim},
                                               std::optional{CardKind::esim}}) {
        const DeviceReport r = check_device(nullptr, card, kAllNetworks);
        check_messages(r);
        CHECK(r.verdict == DeviceVerdict::unknown);
        CHECK(r.headline.message_id == "device.summary.unknown");
        CHECK(!r.esim);
        CHECK(r.carriers.empty());
        CHECK(!r.best);
        CHECK(note_ids(r) == std::vector<std::string>{"device.advice.model_iphone", "device.advice.model_android",
                                                      "device.advice.esim", "device.advice.band1",
                                                      "device.carrier_lock"});
    }
}

TEST_CASE("display names") {
    CHECK(device_display_name(sample_device("Pixel 8")) == "Google Pixel 8");
    Device d = crafted({1});
    d.brand = "Apple";
    d.model = "apple iPhone";
    CHECK(device_display_name(d) == "apple iPhone");
    d.brand = "";
    CHECK(device_display_name(d) == "apple iPhone");
    d.brand = "Sony";
    d.model = "";
    CHECK(device_display_name(d) == "Sony");
}

TEST_CASE("model search on the sample catalogue") {
    const Catalog& c = sample();
    auto search = [&](std::string_view q, std::size_t limit = 10) { return models(find_devices(c, q, limit)); };

    CHECK(search("pixel 8") == std::vector<std::string>{"Pixel 8"});
    CHECK(search("Pixel") == std::vector<std::string>{"Pixel 8", "Pixel 7a"});
    CHECK(search("iphone15").front() == "iPhone 15");
    CHECK(search("iphone15").size() == 1);
    CHECK(search("15 iphone") == std::vector<std::string>{"iPhone 15"});
    CHECK(search("IPHONE-15") == std::vector<std::string>{"iPhone 15"});
    // "ｉｐｈｏｎｅ　１５": full-width letters and digits, and the ideographic space U+3000.
    const std::string full_width = "\xEF\xBD\x89\xEF\xBD\x90\xEF\xBD\x88\xEF\xBD\x8F\xEF\xBD\x8E\xEF\xBD\x85"
                                   "\xE3\x80\x80\xEF\xBC\x91\xEF\xBC\x95";
    CHECK(search(full_width) == std::vector<std::string>{"iPhone 15"});
    CHECK(search("s24") == std::vector<std::string>{"Galaxy S24 (SM-S921B)"});
    CHECK(search("24") == std::vector<std::string>{"Galaxy S24 (SM-S921B)"});
    CHECK(search("sm-s921b") == std::vector<std::string>{"Galaxy S24 (SM-S921B)"});
    CHECK(search("samsung a54") == std::vector<std::string>{"Galaxy A54 5G (SM-A546B)"});
    CHECK(search("apple") ==
          std::vector<std::string>{"iPhone 16", "iPhone 15", "iPhone XR", "iPhone SE (3rd generation)"});
    CHECK(search("iphone", 2) == std::vector<std::string>{"iPhone 16", "iPhone 15"});
    CHECK(search("note 13") == std::vector<std::string>{"Redmi Note 13 Pro 5G"});
    CHECK(search("xperia").empty());
    CHECK(search("pixel 9").empty());
    CHECK(search("pixel", 0).empty());

    // Nothing typed lists the catalogue in order.
    const auto all = find_devices(c, "  - ", 100);
    REQUIRE(all.size() == c.devices.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].index == i);
        CHECK(all[i].device == &c.devices[i]);
    }
    CHECK(find_devices(c, "", 3).size() == 3);
}

TEST_CASE("model search ranking") {
    const Catalog c = catalog_of({{"Apple", "iPhone 15 Pro Max"},
                                  {"Apple", "iPhone 15 Pro"},
                                  {"Apple", "iPhone 15"},
                                  {"Apple", "iPhone 5"},
                                  {"Telephone", "X1"},
                                  {"Hone", "X2"},
                                  {"Apple", "iPhone 15"}});  // a duplicate keeps catalogue order
    auto search = [&](std::string_view q) {
        std::vector<std::size_t> out;
        for (const auto& m : find_devices(c, q, 10)) out.push_back(m.index);
        return out;
    };
    // Exact model first (both copies, in catalogue order), then shorter names.
    CHECK(search("iphone 15") == std::vector<std::size_t>{2, 6, 1, 0});
    CHECK(search("Apple iPhone 15 Pro") == std::vector<std::size_t>{1, 0});
    CHECK(search("pro iphone 15 max") == std::vector<std::size_t>{0});
    // "5" starts a word only in "iPhone 5"; inside "15" it ranks after.
    CHECK(search("5") == std::vector<std::size_t>{3, 2, 6, 1, 0});
    // A word start beats a match inside a word, even for a longer name.
    CHECK(search("hone") == std::vector<std::size_t>{5, 4, 3, 2, 6, 1, 0});
    CHECK(search("pro") == std::vector<std::size_t>{1, 0});
}

// How fast: the core benchmark's device_search_5k_ms (tests/bench/core_bench.cpp), not a clock here.
TEST_CASE("model search is robust") {
    Catalog c;
    c.devices.reserve(5000);
    for (int i = 0; i < 5000; ++i) {
        Device d = crafted({1, 3, 19});
        d.brand = (i % 3 == 0) ? "Samsung" : (i % 3 == 1) ? "Google" : "Xiaomi";
        d.model = "Model " + std::to_string(i) + (i % 7 == 0 ? " Pro" : "");
        c.devices.push_back(std::move(d));
    }
    CHECK(!find_devices(c, "model 12 pro", 20).empty());

    CHECK(find_devices(c, "samsung model 3", 1).front().device->model == "Model 3");

    // Odd input never breaks anything.
    const std::string long_query(10'000, 'a');
    CHECK(find_devices(c, long_query, 5).empty());
    CHECK(find_devices(c, std::string("\xFF\xFE\xEF\xBC", 4), 5).empty());
    CHECK(find_devices(c, std::string("\0model", 6), 5).size() == 5);
    Catalog empty;
    CHECK(find_devices(empty, "pixel", 5).empty());
    CHECK(find_devices(empty, "", 5).empty());
    // More words than kMaxDeviceQueryWords: the extra words are ignored.
    CHECK(!find_devices(c, "model 1 1 1 1 1 1 1 zzz", 5).empty());
}

TEST_CASE("message ids are unique and have texts") {
    std::set<std::string_view> seen;
    for (const std::string_view id : device_message_ids()) {
        INFO(id);
        CHECK(id.substr(0, 7) == "device.");
        CHECK(seen.insert(id).second);
        CHECK(!device_message_template(id).empty());
    }
    CHECK(device_message_template("device.nothing").empty());
}
