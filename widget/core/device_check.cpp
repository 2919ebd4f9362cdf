#include "core/device_check.h"
#include "core/module_messages.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

namespace tabi {

namespace {

// --- Japan's carriers and their bands
//
// From the operators' published band lists (NTT docomo, KDDI/au, SoftBank and Rakuten Mobile area and
// frequency pages), as collected in ../shared/REFERENCE.md, "Japanese networks". Roles follow the same source's
// "key bands for coverage" column:
//   docomo   1 essential; 19 for rural areas; 3 (Tokyo/Nagoya/Osaka only), 21, 28 nice; 42 capacity.
//   au       1 and 18/26 essential; 11, 28 nice; 3 (minor), 41, 42 capacity.
//   SoftBank 1 and 8 essential; 3, 11, 28 nice; 41 (SoftBank/Y!mobile only, not MVNOs), 42 capacity.
//   Rakuten  3 (own network) essential; 18 (au partner roaming) outside the cities; 28 narrow, since 2024.
// 5G: SoftBank's and Rakuten's 3.8-4.0 GHz and KDDI's 4.0-4.1 GHz blocks lie outside n78 (3.3-3.8 GHz), so
// they need n77; n78 alone reaches only KDDI's 3.7 GHz block and docomo. n257 (28 GHz) is millimetre wave in a
// few spots only, so it is never counted as missing.

using Role = BandRole;

constexpr CarrierBand kDocomoLte[] = {{1, Role::essential}, {3, Role::nice}, {19, Role::coverage},
                                      {21, Role::nice},     {28, Role::nice}, {42, Role::extra}};
constexpr CarrierBand kDocomoNr[] = {{78, Role::main_5g}, {79, Role::main_5g}, {257, Role::extra}};

// au's 800 MHz network is band 18; a phone with band 26 covers it (covers_lte_band), so 26 is not listed twice.
constexpr CarrierBand kAuLte[] = {{1, Role::essential}, {3, Role::extra},  {11, Role::nice}, {18, Role::essential},
                                  {28, Role::nice},     {41, Role::extra}, {42, Role::extra}};
constexpr CarrierBand kAuNr[] = {{77, Role::main_5g}, {78, Role::main_5g}, {257, Role::extra}};

constexpr CarrierBand kSoftbankLte[] = {{1, Role::essential}, {3, Role::nice},   {8, Role::essential}, {11, Role::nice},
                                        {28, Role::nice},     {41, Role::extra}, {42, Role::extra}};
constexpr CarrierBand kSoftbankNr[] = {{77, Role::main_5g}, {257, Role::extra}};

constexpr CarrierBand kRakutenLte[] = {{3, Role::essential}, {18, Role::coverage}, {28, Role::extra}};
constexpr CarrierBand kRakutenNr[] = {{77, Role::main_5g}, {257, Role::extra}};

struct CarrierInfo {
    Carrier carrier;
    std::string_view id;
    std::string_view name;
    std::span<const CarrierBand> lte;
    std::span<const CarrierBand> nr;
};

constexpr CarrierInfo kCarrierInfo[] = {
    {Carrier::docomo, "docomo", "NTT docomo", kDocomoLte, kDocomoNr},
    {Carrier::au, "au", "au (KDDI)", kAuLte, kAuNr},
    {Carrier::softbank, "softbank", "SoftBank", kSoftbankLte, kSoftbankNr},
    {Carrier::rakuten, "rakuten", "Rakuten Mobile", kRakutenLte, kRakutenNr},
};

const CarrierInfo& info(Carrier c) {
    for (const auto& i : kCarrierInfo)
        if (i.carrier == c) return i;
    return kCarrierInfo[0];  // unreachable for a valid enum value
}

// --- Messages

constexpr ModuleMessages kMessages({
    {"device.summary.good", "{device} should work well in Japan on the {carrier} network."},
    {"device.summary.partial",
     "{device} works on the {carrier} network, with a weaker signal in some areas. Missing LTE bands: {bands}."},
    {"device.summary.poor",
     "{device} probably won't work with this plan. Missing LTE bands that {carrier} needs: {bands}. Choose a plan "
     "on another network, or a pocket WiFi."},
    {"device.summary.no_esim",
     "{device} has no eSIM, so it can't use this eSIM plan. Choose a physical SIM or a pocket WiFi instead."},
    {"device.summary.wifi",
     "A pocket WiFi works with any phone, tablet or laptop that has Wi-Fi: bands and eSIM don't matter."},
    {"device.summary.unknown",
     "Without your phone's model we can't check it. Here is how to find the model and what to look for."},
    {"device.carrier.good", "{carrier}: works well. LTE bands covered: {bands}."},
    {"device.carrier.partial_coverage",
     "{carrier}: works in the cities, but the signal is weak or missing in the countryside. Missing LTE bands: "
     "{bands}."},
    {"device.carrier.partial_speed",
     "{carrier}: works, but speed and indoor signal are weaker in places. Missing LTE bands: {bands}."},
    {"device.carrier.poor", "{carrier}: probably won't work. Missing LTE bands this network needs: {bands}."},
    {"device.5g.full", "{carrier} 5G: supported. Bands: {bands}."},
    {"device.5g.partial", "{carrier} 5G: partly supported. Bands: {bands}. Missing: {missing}."},
    {"device.5g.none",
     "{carrier} 5G: not supported by this phone. It uses 4G (LTE) instead, which covers the whole country."},
    {"device.5g.n78_not_enough",
     "{carrier} 5G needs band n77; band n78 alone is not enough, so this phone uses 4G (LTE) on this network, "
     "which covers the whole country."},
    {"device.esim.yes", "{device} supports eSIM."},
    {"device.esim.no", "{device} has no eSIM: it needs a physical SIM card (or a pocket WiFi)."},
    {"device.note", "About {device}: {note}"},
    {"device.band26", "This phone's LTE band 26 also covers band {bands}."},
    {"device.advice.model_iphone", "iPhone: open Settings > General > About and look at \"Model Name\"."},
    {"device.advice.model_android", "Android: open Settings > About phone for the model name and number."},
    {"device.advice.esim",
     "eSIM: a phone with eSIM offers \"Add eSIM\" or \"Add Cellular Plan\" in its settings (iPhone: Settings > "
     "Cellular or Mobile Data; Android: Settings > Network & internet > SIMs)."},
    {"device.advice.band1",
     "Most phones sold since 2019 in Asia, Europe or the US cover LTE band 1, the main band of docomo, au and "
     "SoftBank."},
    {"device.carrier_lock",
     "A phone locked to a carrier can't use another operator's SIM or eSIM. If you bought your phone from a "
     "carrier, check that it is unlocked."},
});

DeviceMessage message(NoteLevel level, std::string_view id, std::vector<MessageArg> args = {}) {
    return DeviceMessage{{std::string(id), std::move(args)}, level};
}

// --- Bands

bool contains(const std::vector<int>& bands, int band) {
    return std::find(bands.begin(), bands.end(), band) != bands.end();
}

// "1, 19" or "n77, n78".
std::string band_list(const std::vector<int>& bands, bool nr) {
    std::string out;
    out.reserve(bands.size() * 5);
    for (const int b : bands) {
        if (!out.empty()) out += ", ";
        if (nr) out += 'n';
        out += std::to_string(b);
    }
    return out;
}

int severity_rank(DeviceVerdict v) {
    switch (v) {
        case DeviceVerdict::good: return 0;
        case DeviceVerdict::partial: return 1;
        case DeviceVerdict::poor: return 2;
        case DeviceVerdict::unknown: return 3;
    }
    return 3;
}

// Orders fits on one carrier: better verdict first, then fewer missing key bands (essential, then coverage,
// then nice-to-have).
auto fit_key(const CarrierFit& f) {
    return std::make_tuple(severity_rank(f.verdict), f.missing_essential.size(), f.missing_coverage.size(),
                           f.missing_nice.size());
}

// --- Search text
//
// Brand, model and query are folded into lower-case ASCII letters and digits (other bytes of UTF-8 text are kept
// as they are); everything else separates words. Each kept byte remembers whether it starts a word: after a
// separator, or where letters turn into digits or back ("s24", "15pro").

enum class CharClass : std::uint8_t { separator, letter, digit, other };

struct Folded {
    std::string text;
    std::vector<std::uint8_t> word_start;   // per byte of text: 1 where a word of the name starts
    std::vector<std::uint8_t> after_space;  // per byte of text: 1 after a separator (query words split here)

    void clear() {
        text.clear();
        word_start.clear();
        after_space.clear();
    }
};

// Folds `in` into `out`, appending; stops once out holds max_bytes bytes (the rest is dropped).
void fold(std::string_view in, Folded& out, std::size_t max_bytes) {
    CharClass previous = CharClass::separator;
    std::size_t i = 0;
    while (i < in.size() && out.text.size() < max_bytes) {
        auto c = static_cast<unsigned char>(in[i]);
        std::size_t length = 1;
        // Full-width ASCII (U+FF01..U+FF5E, UTF-8 EF BC 81..EF BD 9E) and the ideographic space (U+3000, E3 80 80).
        if (c == 0xEF && i + 2 < in.size()) {
            const auto b1 = static_cast<unsigned char>(in[i + 1]);
            const auto b2 = static_cast<unsigned char>(in[i + 2]);
            const unsigned code = ((c & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if ((b1 & 0xC0u) == 0x80u && (b2 & 0xC0u) == 0x80u && code >= 0xFF01 && code <= 0xFF5E) {
                c = static_cast<unsigned char>(code - 0xFEE0);
                length = 3;
            }
        } else if (c == 0xE3 && i + 2 < in.size() && in[i + 1] == '\x80' && in[i + 2] == '\x80') {
            c = ' ';
            length = 3;
        }
        CharClass cls;
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<unsigned char>(c - 'A' + 'a');
            cls = CharClass::letter;
        } else if (c >= 'a' && c <= 'z') {
            cls = CharClass::letter;
        } else if (c >= '0' && c <= '9') {
            cls = CharClass::digit;
        } else if (c >= 0x80 && length == 1) {
            cls = CharClass::other;
        } else {
            cls = CharClass::separator;
        }
        if (cls != CharClass::separator) {
            out.text.push_back(static_cast<char>(c));
            out.word_start.push_back(cls != previous ? 1 : 0);
            out.after_space.push_back(previous == CharClass::separator ? 1 : 0);
        }
        previous = cls;
        i += length;
    }
}

struct Candidate {
    int tier = 0;                 // 0 exact, 1 every word at a word start, 2 otherwise
    std::size_t untyped = 0;      // characters of the name the query did not cover
    std::size_t index = 0;

    bool operator<(const Candidate& o) const {
        return std::tie(tier, untyped, index) < std::tie(o.tier, o.untyped, o.index);
    }
};

}  // namespace

// --- Names

std::string_view to_string(Carrier c) { return info(c).id; }

std::optional<Carrier> carrier_from_string(std::string_view network) {
    for (const auto& i : kCarrierInfo)
        if (i.id == network) return i.carrier;
    return std::nullopt;
}

std::string_view carrier_name(Carrier c) { return info(c).name; }

std::span<const CarrierBand> carrier_lte_bands(Carrier c) { return info(c).lte; }
std::span<const CarrierBand> carrier_nr_bands(Carrier c) { return info(c).nr; }

std::string_view to_string(DeviceVerdict v) {
    switch (v) {
        case DeviceVerdict::good: return "good";
        case DeviceVerdict::partial: return "partial";
        case DeviceVerdict::poor: return "poor";
        case DeviceVerdict::unknown: return "unknown";
    }
    return "unknown";
}

std::string_view to_string(FiveG f) {
    switch (f) {
        case FiveG::none: return "none";
        case FiveG::partial: return "partial";
        case FiveG::full: return "full";
    }
    return "none";
}


std::string device_display_name(const Device& device) {
    const std::string_view brand = device.brand;
    const std::string_view model = device.model;
    if (brand.empty()) return device.model;
    if (model.empty()) return device.brand;
    if (model.size() >= brand.size()) {
        bool same = true;
        for (std::size_t i = 0; i < brand.size() && same; ++i) {
            auto lower = [](char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; };
            same = lower(brand[i]) == lower(model[i]);
        }
        if (same) return device.model;
    }
    std::string name;
    name.reserve(brand.size() + 1 + model.size());
    name.append(brand).append(" ").append(model);
    return name;
}

bool covers_lte_band(const Device& device, int band) {
    if (contains(device.lte_bands, band)) return true;
    return (band == 18 || band == 19) && contains(device.lte_bands, 26);  // band 26 is a superset of 18 and 19
}

// --- One carrier

CarrierFit check_carrier(const Device& device, Carrier carrier) {
    const CarrierInfo& c = info(carrier);
    CarrierFit fit;
    fit.carrier = carrier;

    std::size_t nice_total = 0;
    for (const CarrierBand& b : c.lte) {
        const bool has = covers_lte_band(device, b.band);
        if (has) {
            fit.covered_lte.push_back(b.band);
            if (!contains(device.lte_bands, b.band)) fit.via_band26 = true;
        }
        if (b.role == Role::nice) ++nice_total;
        if (has) continue;
        switch (b.role) {
            case Role::essential: fit.missing_essential.push_back(b.band); break;
            case Role::coverage: fit.missing_coverage.push_back(b.band); break;
            case Role::nice: fit.missing_nice.push_back(b.band); break;
            case Role::extra:
            case Role::main_5g: break;
        }
    }
    // "Most" nice-to-have bands: at least half of them (2 of docomo's 3, 1 of au's 2, 2 of SoftBank's 3).
    const std::size_t nice_present = nice_total - fit.missing_nice.size();
    const bool enough_nice = nice_present * 2 >= nice_total;

    const std::string carrier_arg(c.name);
    if (!fit.missing_essential.empty()) {
        fit.verdict = DeviceVerdict::poor;
        fit.summary = message(NoteLevel::blocker, "device.carrier.poor",
                              {{"carrier", carrier_arg}, {"bands", band_list(fit.missing_essential, false)}});
    } else if (!fit.missing_coverage.empty()) {
        fit.verdict = DeviceVerdict::partial;
        fit.summary = message(NoteLevel::warning, "device.carrier.partial_coverage",
                              {{"carrier", carrier_arg}, {"bands", band_list(fit.missing_coverage, false)}});
    } else if (!enough_nice) {
        fit.verdict = DeviceVerdict::partial;
        fit.summary = message(NoteLevel::warning, "device.carrier.partial_speed",
                              {{"carrier", carrier_arg}, {"bands", band_list(fit.missing_nice, false)}});
    } else {
        fit.verdict = DeviceVerdict::good;
        fit.summary = message(NoteLevel::info, "device.carrier.good",
                              {{"carrier", carrier_arg}, {"bands", band_list(fit.covered_lte, false)}});
    }

    std::size_t main_total = 0;
    for (const CarrierBand& b : c.nr) {
        const bool has = contains(device.nr_bands, b.band);
        if (has) fit.covered_nr.push_back(b.band);
        if (b.role != Role::main_5g) continue;
        ++main_total;
        if (!has) fit.missing_nr.push_back(b.band);
    }
    if (fit.covered_nr.empty()) {
        fit.five_g = FiveG::none;
        const bool carrier_uses_n78 =
            std::any_of(c.nr.begin(), c.nr.end(), [](const CarrierBand& b) { return b.band == 78; });
        if (contains(device.nr_bands, 78) && !carrier_uses_n78)
            fit.five_g_message = message(NoteLevel::info, "device.5g.n78_not_enough", {{"carrier", carrier_arg}});
        else
            fit.five_g_message = message(NoteLevel::info, "device.5g.none", {{"carrier", carrier_arg}});
    } else if (fit.missing_nr.empty() && main_total > 0) {
        fit.five_g = FiveG::full;
        fit.five_g_message = message(NoteLevel::info, "device.5g.full",
                                     {{"carrier", carrier_arg}, {"bands", band_list(fit.covered_nr, true)}});
    } else {
        fit.five_g = FiveG::partial;
        fit.five_g_message = message(NoteLevel::info, "device.5g.partial",
                                     {{"carrier", carrier_arg},
                                      {"bands", band_list(fit.covered_nr, true)},
                                      {"missing", band_list(fit.missing_nr, true)}});
    }
    return fit;
}

// --- One phone, one plan

DeviceReport check_device(const Device* device, std::optional<CardKind> card, std::span<const std::string> networks) {
    DeviceReport report;
    report.esim_needed = card == CardKind::esim;
    const auto carrier_lock = [] { return message(NoteLevel::info, "device.carrier_lock"); };

    // A pocket WiFi is the operator's own router: the phone only needs Wi-Fi, and a carrier lock does not matter.
    if (card == CardKind::wifi) {
        if (device) report.esim = device->esim;
        report.verdict = DeviceVerdict::good;
        report.headline = message(NoteLevel::info, "device.summary.wifi");
        return report;
    }

    if (!device) {
        report.verdict = DeviceVerdict::unknown;
        report.headline = message(NoteLevel::info, "device.summary.unknown");
        report.notes.reserve(5);
        report.notes.push_back(message(NoteLevel::info, "device.advice.model_iphone"));
        report.notes.push_back(message(NoteLevel::info, "device.advice.model_android"));
        report.notes.push_back(message(NoteLevel::info, "device.advice.esim"));
        report.notes.push_back(message(NoteLevel::info, "device.advice.band1"));
        report.notes.push_back(carrier_lock());
        return report;
    }
    report.esim = device->esim;

    // The plan's networks, each once, in the plan's order; all four when it names none we know.
    std::array<Carrier, std::size(kCarriers)> chosen{};
    std::size_t chosen_count = 0;
    for (const std::string& n : networks) {
        const auto c = carrier_from_string(n);
        if (!c || std::find(chosen.begin(), chosen.begin() + chosen_count, *c) != chosen.begin() + chosen_count)
            continue;
        chosen[chosen_count++] = *c;
    }
    if (chosen_count == 0) {
        for (const Carrier c : kCarriers) chosen[chosen_count++] = c;
    }

    report.carriers.reserve(chosen_count);
    std::vector<int> via26;
    for (std::size_t i = 0; i < chosen_count; ++i) {
        report.carriers.push_back(check_carrier(*device, chosen[i]));
        const CarrierFit& fit = report.carriers.back();
        if (fit.via_band26)
            for (const int b : fit.covered_lte)
                if (!contains(device->lte_bands, b) && !contains(via26, b))
                    via26.insert(std::upper_bound(via26.begin(), via26.end(), b), b);
        if (!report.best || fit_key(fit) < fit_key(report.carriers[*report.best])) report.best = i;
    }

    const std::string name = device_display_name(*device);
    const CarrierFit& best = report.carriers[*report.best];
    const std::string carrier_arg(carrier_name(best.carrier));
    report.verdict = best.verdict;
    if (report.esim_needed && !device->esim) {
        report.verdict = DeviceVerdict::poor;
        report.headline = message(NoteLevel::blocker, "device.summary.no_esim", {{"device", name}});
    } else if (best.verdict == DeviceVerdict::good) {
        report.headline = message(NoteLevel::info, "device.summary.good", {{"device", name}, {"carrier", carrier_arg}});
    } else if (best.verdict == DeviceVerdict::partial) {
        const auto& missing = best.missing_coverage.empty() ? best.missing_nice : best.missing_coverage;
        report.headline = message(NoteLevel::warning, "device.summary.partial",
                                  {{"device", name}, {"carrier", carrier_arg}, {"bands", band_list(missing, false)}});
    } else {
        report.headline =
            message(NoteLevel::blocker, "device.summary.poor",
                    {{"device", name}, {"carrier", carrier_arg}, {"bands", band_list(best.missing_essential, false)}});
    }

    // eSIM support matters for an eSIM plan (the headline already says a missing eSIM) and is worth knowing
    // while the card kind is not chosen yet; for a physical SIM it is beside the point.
    if (report.esim_needed && device->esim) {
        report.notes.push_back(message(NoteLevel::info, "device.esim.yes", {{"device", name}}));
    } else if (!card) {
        report.notes.push_back(message(NoteLevel::info, device->esim ? "device.esim.yes" : "device.esim.no",
                                       {{"device", name}}));
    }
    if (!device->note.empty())
        report.notes.push_back(message(NoteLevel::info, "device.note", {{"device", name}, {"note", device->note}}));
    if (!via26.empty())
        report.notes.push_back(message(NoteLevel::info, "device.band26", {{"bands", band_list(via26, false)}}));
    report.notes.push_back(carrier_lock());
    return report;
}

DeviceReport check_device(const Device* device, const Plan& plan) {
    return check_device(device, plan.card, std::span<const std::string>(plan.networks));
}

// --- Search

std::vector<DeviceMatch> find_devices(const Catalog& catalog, std::string_view query, std::size_t limit) {
    std::vector<DeviceMatch> result;
    if (limit == 0) return result;

    Folded q;
    fold(query, q, kMaxDeviceQueryBytes);
    // Query words: runs of folded bytes between separators.
    std::array<std::string_view, kMaxDeviceQueryWords> words{};
    std::size_t word_count = 0;
    for (std::size_t i = 0; i < q.text.size();) {
        std::size_t end = i + 1;
        while (end < q.text.size() && !q.after_space[end]) ++end;
        if (word_count < words.size()) words[word_count++] = std::string_view(q.text).substr(i, end - i);
        i = end;
    }
    const std::string_view whole_query = q.text;

    const std::vector<Device>& devices = catalog.devices;
    if (word_count == 0) {
        const std::size_t n = std::min(limit, devices.size());
        result.reserve(n);
        for (std::size_t i = 0; i < n; ++i) result.push_back({i, &devices[i]});
        return result;
    }

    std::vector<Candidate> candidates;
    candidates.reserve(std::min<std::size_t>(devices.size(), 256));
    Folded name;  // reused for every device: its buffers keep their capacity
    for (std::size_t index = 0; index < devices.size(); ++index) {
        const Device& d = devices[index];
        name.clear();
        fold(d.brand, name, 4 * kMaxDeviceQueryBytes);
        const std::size_t brand_length = name.text.size();
        fold(d.model, name, 4 * kMaxDeviceQueryBytes);  // each fold starts a word, so the model's first byte does
        const std::string_view text = name.text;

        bool all_found = true;
        bool all_at_word_start = true;
        std::size_t typed = 0;
        for (std::size_t w = 0; w < word_count && all_found; ++w) {
            const std::string_view word = words[w];
            std::size_t first = std::string_view::npos;
            bool at_start = false;
            for (std::size_t pos = text.find(word); pos != std::string_view::npos; pos = text.find(word, pos + 1)) {
                if (first == std::string_view::npos) first = pos;
                if (name.word_start[pos]) {
                    at_start = true;
                    break;
                }
            }
            if (first == std::string_view::npos) all_found = false;
            all_at_word_start = all_at_word_start && at_start;
            typed += word.size();
        }
        if (!all_found) continue;

        Candidate cand;
        cand.index = index;
        cand.untyped = text.size() > typed ? text.size() - typed : 0;
        if (whole_query == text || whole_query == text.substr(brand_length))
            cand.tier = 0;
        else
            cand.tier = all_at_word_start ? 1 : 2;
        candidates.push_back(cand);
    }

    const std::size_t n = std::min(limit, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n), candidates.end());
    result.reserve(n);
    for (std::size_t i = 0; i < n; ++i) result.push_back({candidates[i].index, &devices[candidates[i].index]});
    return result;
}

// --- Message ids

std::span<const std::string_view> device_message_ids() { return kMessages.ids(); }

std::string_view device_message_template(std::string_view message_id) { return kMessages.text(message_id); }

}  // namespace tabi
