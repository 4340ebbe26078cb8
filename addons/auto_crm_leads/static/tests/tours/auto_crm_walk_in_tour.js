import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A sales consultant records a walk-in, grades it and makes the first call.
registry.category("web_tour.tours").add("auto_crm_walk_in_tour", {
    url: "/odoo/action-auto_crm_leads.crm_lead_action_grade_pipeline?view_type=list",
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] textarea",
            run: "edit Walk-in: Tayron",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Walk-in",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains(Tour Walk-in)",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name=auto_intent]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=auto_configuration_chosen] input",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=auto_trade_in] input",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "The first follow-up is planned",
            trigger: ".o-mail-Activity .o-mail-Activity-markDone",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit Called: test drive on Saturday",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button[aria-label=Done]",
            run: "click",
        },
        {
            content: "The call is logged",
            trigger: ".o-mail-Message:contains(test drive on Saturday)",
        },
    ],
});
