// What the core tests share: the sample catalogue (loaded once per test program) and plan-id lists that print
// when a check fails.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "core/catalog.h"

namespace tabi::test {

inline std::shared_ptr<const Catalog> shared_sample() {
    static std::shared_ptr<const Catalog> catalog = [] {
        CatalogLoad load = load_catalog(sample_catalog_json());
        REQUIRE(load.catalog.has_value());
        return std::make_shared<const Catalog>(std::move(*load.catalog));
    }();
    return catalog;
}

inline const Catalog& sample() { return *shared_sample(); }

// Plan ids in order.
struct Ids : std::vector<std::string> {
    using std::vector<std::string>::vector;
};
inline std::ostream& operator<<(std::ostream& out, const Ids& ids) {
    out << '{';
    for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? ", " : "") << ids[i];
    return out << '}';
}

}  // namespace tabi::test
