// Pocket WiFi: whether extending the rental costs less than paying the late fee.

#include "core/card_status.h"
#include "core/card_status_detail.h"

namespace tabi {

using namespace status_detail;

// --- Pocket WiFi: extend or pay the late fee

Result<ExtensionVersusLateFee> compare_extension_to_late_fee(const CardStatus& status, const Plan& extension,
                                                            std::string_view locale) {
    if (extension.kind != PlanKind::rental_extension || extension.days < 1)
        return make_problem("plan", "status.late_fee.not_extension", {{"plan", extension.name}});
    const std::optional<Money>& fee = status.late_fee_per_day ? status.late_fee_per_day : extension.late_fee_per_day;
    if (!fee) return make_problem("late_fee_per_day", "status.late_fee.unknown");
    if (fee->currency != extension.price.currency)
        return make_problem("late_fee_per_day", "status.late_fee.currency_mismatch",
                            {{"extension_currency", extension.price.currency}, {"fee_currency", fee->currency}});
    auto late = multiply(*fee, extension.days);
    if (!late) return late.problem();

    ExtensionVersusLateFee c;
    c.days = extension.days;
    c.extension_price = extension.price;
    c.late_fee = std::move(late).value();
    std::int64_t difference = 0;
    const bool extension_cheaper = c.extension_price.minor < c.late_fee.minor;
    if (__builtin_sub_overflow(std::max(c.extension_price.minor, c.late_fee.minor),
                               std::min(c.extension_price.minor, c.late_fee.minor), &difference))
        return make_problem("late_fee_per_day", "money.overflow");
    c.difference = Money{difference, extension.price.currency};
    c.cheaper = difference == 0 ? CheaperOption::same
                : extension_cheaper ? CheaperOption::extension
                                    : CheaperOption::late_fee;
    const std::string_view id = c.cheaper == CheaperOption::same        ? "status.late_fee.same"
                                : c.cheaper == CheaperOption::extension ? "status.late_fee.extension_cheaper"
                                                                        : "status.late_fee.late_fee_cheaper";
    c.message.message_id = std::string(id);
    if (c.days == 1) c.message.message_id += ".one";
    c.message.args = {{"plan", extension.name},
              {"days", number(c.days)},
              {"extension", format_money(c.extension_price, locale)},
              {"late_fee", format_money(c.late_fee, locale)},
              {"difference", format_money(c.difference, locale)}};
    return c;
}

}  // namespace tabi
