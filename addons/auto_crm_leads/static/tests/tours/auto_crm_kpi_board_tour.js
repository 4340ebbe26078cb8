import { registry } from "@web/core/registry";

// A sales manager reads the KPI board: each figure beside its last twelve
// months, then one KPI's monthly results.
registry.category("web_tour.tours").add("auto_crm_kpi_board_tour", {
    url: "/odoo/action-auto_crm_leads.auto_kpi_result_action",
    steps: () => [
        {
            content: "Each figure has its trend",
            trigger: ".o_kanban_record .o_field_auto_kpi_trend svg.o_auto_kpi_trend[data-months='12'] circle",
        },
        {
            content: "Open a KPI's results",
            trigger: ".o_kanban_record:has(svg.o_auto_kpi_trend)",
            run: "click",
        },
        {
            content: "Its months, each with its trend",
            trigger: ".o_list_view .o_data_row .o_field_auto_kpi_trend svg.o_auto_kpi_trend",
        },
    ],
});
