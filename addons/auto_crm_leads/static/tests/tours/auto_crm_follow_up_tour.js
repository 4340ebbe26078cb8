import { registry } from "@web/core/registry";

// A sales consultant works the day's follow-ups: the list says whom to call
// and on which number, the lead opens, the call is logged and done.
registry.category("web_tour.tours").add("auto_crm_follow_up_tour", {
    url: "/odoo/action-auto_crm_leads.mail_activity_action_follow_up",
    steps: () => [
        {
            content: "The customer's number is one click away",
            trigger: ".o_data_row:first .o_field_widget[name=auto_partner_phone] a[href^='tel:']",
        },
        {
            content: "Open the lead: a click on the row",
            trigger: ".o_data_row:first .o_data_cell[name=res_name]",
            run: "click",
        },
        {
            content: "The lead shows the customer's mobile",
            trigger: ".o_form_view .o_field_widget[name=mobile] input",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=mobile] a[href^='tel:+86']",
        },
        {
            content: "The chatter says when each activity is due, in Chinese word order",
            trigger: ".o-mail-Activity-info:contains(6天后到期):not(:contains(天数))",
        },
        {
            content: "Record the call as done",
            trigger: ".o-mail-Activity .o-mail-Activity-markDone",
            run: "click",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone textarea",
            run: "edit 已电话联系：周六到店试驾",
        },
        {
            trigger: ".o-mail-ActivityMarkAsDone button.btn-primary.mx-2",
            run: "click",
        },
        {
            content: "The call is logged on the lead",
            trigger: ".o-mail-Message:contains(周六到店试驾)",
        },
    ],
});
