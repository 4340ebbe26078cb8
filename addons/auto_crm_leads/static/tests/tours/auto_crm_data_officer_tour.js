import { registry } from "@web/core/registry";

// The data officer records a customer's request for a copy of their data,
// checks who is asking, and produces the copy to hand over (JSON and PDF).
registry.category("web_tour.tours").add("auto_crm_data_officer_tour", {
    url: "/odoo/action-auto_crm_leads.auto_privacy_request_action",
    steps: () => [
        {
            content: "The open requests, their due dates first",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=date_due]",
        },
        {
            content: "Record the request that just came in",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 张敏",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item:contains(张敏)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=request_type] select",
            run: 'select "export"',
        },
        {
            trigger: ".o_field_widget[name=source] select",
            run: 'select "showroom"',
        },
        {
            content: "She showed her identity card",
            trigger: ".o_field_widget[name=identity_checked] input",
            run: "click",
        },
        {
            content: "Produce the copy",
            trigger: ".o_form_view button[name=action_export]",
            run: "click",
        },
        {
            content: "The copy is attached, ready to hand over",
            trigger: ".o_field_widget[name=export_pdf_id]:contains(.pdf)",
        },
        {
            trigger: ".o_field_widget[name=export_json_id]:contains(.json)",
        },
    ],
});
