import { Activity } from "@mail/core/web/activity";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";

// The chatter writes "Due in 6 days:" and "6 days overdue:" as two terms
// around the number, which Chinese cannot put in its order (到期日期 6 天数).
// One term each, the number inside, as Odoo's own activity popover does.
patch(Activity.prototype, {
    get autoDelayLabel() {
        const days = Math.abs(this.delay);
        return this.delay > 0
            ? _t("Due in %s days", days)
            : _t("%s days overdue", days);
    },
});
