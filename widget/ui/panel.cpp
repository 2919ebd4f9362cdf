#include "ui/panel.h"

#include <fmt/format.h>
#include <imgui.h>

namespace tabi::ui {
namespace {

std::string data_label(const PlanData& d) {
    if (d.unlimited) return "Unlimited";
    if (d.mb % 1024 == 0) return fmt::format("{} GB", d.mb / 1024);
    return fmt::format("{} MB", d.mb);
}

std::string days_label(const Plan& p) {
    if (p.days == 0) return "keeps expiry";
    return p.days == 1 ? "1 day" : fmt::format("{} days", p.days);
}

}  // namespace

void Panel::set_catalog(CatalogLoad load) { catalog_ = std::move(load); }

void Panel::frame() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Tabi Renew", nullptr, flags);
    ImGui::TextUnformatted("Renew your Japan SIM, eSIM or pocket WiFi");
    ImGui::Separator();
    if (catalog_.catalog) draw_plans(*catalog_.catalog);
    else draw_problems();
    ImGui::End();
}

void Panel::draw_plans(const Catalog& cat) {
    ImGui::Text("%zu plans from %zu operators", cat.plans.size(), cat.operators.size());
    constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("plans", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Plan", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Days", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Data", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Price", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const Plan& plan : cat.plans) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(plan.product_name.c_str());
        ImGui::TextDisabled("%s", plan.name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(days_label(plan).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(data_label(plan.data).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_money(plan.price, "en").c_str());
    }
    ImGui::EndTable();
}

void Panel::draw_problems() {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.1f, 0.1f, 1.0f));
    ImGui::TextWrapped("The plan catalogue could not be loaded (%zu errors):", catalog_.error_count());
    ImGui::PopStyleColor();
    for (const Problem& p : catalog_.problems) {
        if (!p.is_error()) continue;
        ImGui::Bullet();
        ImGui::TextWrapped("%s", describe_catalog_problem(p).c_str());
    }
}

}  // namespace tabi::ui
