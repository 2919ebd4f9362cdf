#include <doctest/doctest.h>

#include <string>

#include "core/catalog.h"

using namespace tabi;

TEST_CASE("the sample catalogue loads without errors or warnings") {
    const CatalogLoad load = load_catalog(sample_catalog_json());
    for (const auto& p : load.problems) INFO(describe_catalog_problem(p));
    REQUIRE(load.catalog.has_value());
    CHECK(load.problems.empty());
    CHECK(load.catalog->plans.size() == 15);
    CHECK(load.catalog->operators.size() == 4);
}
