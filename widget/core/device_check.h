// Device support: will the traveller's phone work with a Japanese SIM or eSIM? The traveller picks a model
// from the catalogue's device table (find_devices() is the picker's search) or ticks "I'm not sure", and
// check_device() gives a plain answer for the plan's networks: a verdict, the bands covered and missing per
// carrier, whether the phone has eSIM, the device's note and the carrier-lock caveat. Every sentence is a
// message id with arguments (band lists already formatted, e.g. "1, 19" or "n77, n78"), for the message
// catalogues to render in the traveller's language. Nothing here throws or aborts, whatever the input.
//
// The verdict for one carrier comes from its LTE bands only: 3G is switched off in Japan, so LTE is what
// carries data everywhere, and 5G (reported separately in CarrierFit::five_g) is a bonus where it exists.
//   good    every essential and every coverage band, and at least half of the nice-to-have bands;
//   partial every essential band, but a coverage band missing (docomo without 19, Rakuten without 18: weak or
//           no signal outside the cities) or fewer than half of the nice-to-have bands (slower, weaker indoors);
//   poor    an essential band missing (no band 1 on docomo, au or SoftBank; no band 3 on Rakuten).
// A phone with LTE band 26 covers bands 18 and 19 (band 26 is a superset of both).
// For a plan the verdict is the best over the networks it can use; for an eSIM plan a phone without eSIM is
// poor whatever its bands; a pocket WiFi works with any phone (good); an unknown phone is unknown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/problem.h"

namespace tabi {

enum class Carrier { docomo, au, softbank, rakuten };
inline constexpr Carrier kCarriers[] = {Carrier::docomo, Carrier::au, Carrier::softbank, Carrier::rakuten};

// The catalogue's network names: "docomo", "au", "softbank", "rakuten".
std::string_view to_string(Carrier c);
std::optional<Carrier> carrier_from_string(std::string_view network);
// The operator's brand as travellers see it: "NTT docomo", "au (KDDI)", "SoftBank", "Rakuten Mobile".
std::string_view carrier_name(Carrier c);

// What a band means for a carrier's coverage (see the verdict rule above).
enum class BandRole : std::uint8_t {
    essential,  // LTE: without it the phone is poor on this carrier
    coverage,   // LTE: without it the signal is weak or missing outside the cities (partial)
    nice,       // LTE: capacity and indoor bands; fewer than half of them present is partial
    extra,      // LTE or 5G: used by the carrier but not needed (minor, local or millimetre-wave bands)
    main_5g,    // 5G: the carrier's sub-6 GHz 5G bands
};

struct CarrierBand {
    int band = 0;
    BandRole role = BandRole::extra;
};

// The carrier's published bands, in band order.
std::span<const CarrierBand> carrier_lte_bands(Carrier c);
std::span<const CarrierBand> carrier_nr_bands(Carrier c);

enum class DeviceVerdict { good, partial, poor, unknown };
// "good", "partial", "poor", "unknown" (the UI's "ui.device.verdict.<name>" labels).
std::string_view to_string(DeviceVerdict v);

enum class FiveG { none, partial, full };  // none of the carrier's 5G bands, some of its main bands, all of them
std::string_view to_string(FiveG f);       // "none", "partial", "full"

// How prominently the UI shows a message.
enum class NoteLevel { info, warning, blocker };

// message_id: "device.carrier.partial_coverage", ...
struct DeviceMessage : Message {
    NoteLevel level = NoteLevel::info;
};

// One phone on one carrier. Band lists are the carrier's band numbers, ascending; a carrier band the phone
// covers through band 26 (18 or 19) is listed under its own number.
struct CarrierFit {
    Carrier carrier = Carrier::docomo;
    DeviceVerdict verdict = DeviceVerdict::unknown;
    std::vector<int> covered_lte;
    std::vector<int> covered_nr;
    std::vector<int> missing_essential;
    std::vector<int> missing_coverage;
    std::vector<int> missing_nice;
    std::vector<int> missing_nr;  // main 5G bands the phone lacks
    FiveG five_g = FiveG::none;
    bool via_band26 = false;      // band 18 or 19 counted only because the phone has band 26
    DeviceMessage summary;        // device.carrier.{good, partial_coverage, partial_speed, poor}
    DeviceMessage five_g_message; // device.5g.{full, partial, none, n78_not_enough}
};

// One phone and one plan (or product): the answer the device step shows.
struct DeviceReport {
    DeviceVerdict verdict = DeviceVerdict::unknown;
    bool esim_needed = false;          // the plan is an eSIM
    std::optional<bool> esim;          // the phone's eSIM support; nullopt when the phone is not known
    std::vector<CarrierFit> carriers;  // the plan's networks in the plan's order (all four when it names none)
    std::optional<std::size_t> best;   // index in carriers of the network the verdict comes from
    DeviceMessage headline;            // device.summary.*
    // In display order after the headline (and the per-carrier lines): eSIM support, the device's note, the
    // band-26 hint, the advice for "I'm not sure", and always last the carrier-lock caveat.
    std::vector<DeviceMessage> notes;
};

// "Apple iPhone 15", "Samsung Galaxy S24 (SM-S921B)"; the model alone when it already starts with the brand.
std::string device_display_name(const Device& device);

// Whether the phone covers a carrier's LTE band; 18 and 19 are also covered by band 26.
bool covers_lte_band(const Device& device, int band);

// One phone on one carrier.
CarrierFit check_carrier(const Device& device, Carrier carrier);

// One phone (nullptr: "I'm not sure") for a card kind (nullopt: not known yet) and the plan's networks
// ("docomo", "au", "softbank", "rakuten"; unknown names are skipped; none known means all four carriers).
DeviceReport check_device(const Device* device, std::optional<CardKind> card, std::span<const std::string> networks);
// The same for a catalogue plan: its card kind and networks.
DeviceReport check_device(const Device* device, const Plan& plan);

// --- The model picker's search

// Queries longer than this are searched by their first kMaxDeviceQueryBytes bytes.
inline constexpr std::size_t kMaxDeviceQueryBytes = 96;
// Words of a query beyond this many are ignored.
inline constexpr std::size_t kMaxDeviceQueryWords = 8;

struct DeviceMatch {
    std::size_t index = 0;          // in catalog.devices
    const Device* device = nullptr;
};

// The devices whose brand and model contain every word of the query, in any order, best first, at most
// `limit`. Case-insensitive; spaces, hyphens and other punctuation are ignored inside words ("iphone15" finds
// "iPhone 15", "sm-s921" finds "SM-S921B") and separate words ("pixel 8", "15 iphone"); full-width letters and
// digits count as ASCII. Ranking: the whole model (or brand and model) typed exactly first; then devices
// where every word starts a word of the name ("s24" in "Galaxy S24", "15" in "iPhone 15"); then the rest;
// within each, shorter names first (fewer characters not typed), then catalogue order. An empty query lists
// the devices in catalogue order. Linear in the number of devices, with no allocation per device.
std::vector<DeviceMatch> find_devices(const Catalog& catalog, std::string_view query, std::size_t limit);

// Every message id this module produces, and the English template of each ({name} placeholders for its
// args; "" for an unknown id).
std::span<const std::string_view> device_message_ids();
std::string_view device_message_template(std::string_view message_id);

}  // namespace tabi
