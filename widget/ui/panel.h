// The Tabi Renew panel: draws the widget's state with Dear ImGui and turns the traveller's clicks into
// commands. Knows core and ImGui, nothing of the browser: the platform layer feeds ImGui's IO, calls
// frame() and renders the draw data.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.h"

namespace tabi::ui {

class Panel {
public:
    // Takes the result of loading a catalogue: a valid catalogue is listed, problems are shown.
    void set_catalog(CatalogLoad load);
    const CatalogLoad& catalog() const { return catalog_; }

    // Draws one frame into the current ImGui context, filling the whole display.
    void frame();

private:
    void draw_plans(const Catalog& cat);
    void draw_problems();

    CatalogLoad catalog_;
};

}  // namespace tabi::ui
