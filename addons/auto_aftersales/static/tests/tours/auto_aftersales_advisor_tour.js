import { registry } from "@web/core/registry";
import { openMenu } from "./tour_utils";

const SECTION = "auto_aftersales.menu_auto_aftersales_service";

// A service advisor starts the day on the reminders due, books the customer,
// then runs the vehicle's work order: the part that fits the car is offered
// first, and the job is completed.
registry.category("web_tour.tours").add("auto_aftersales_advisor_tour", {
    url: "/odoo/reminders-due",
    steps: () => [
        {
            content: "The insurance renewal of 京AT0UR2 is due today",
            trigger: ".o_data_row:contains(京AT0UR2) button[name=action_auto_booked]",
            run: "click",
        },
        {
            content: "Booked: it leaves the list",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(京AT0UR2)))",
        },
        ...openMenu(SECTION, "auto_aftersales.repair_order_menu_work_order"),
        {
            trigger: ".o_data_row:contains(京AT0UR2) td.o_data_cell[name=partner_id]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=move_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=move_ids] .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Tour Filter",
        },
        {
            content: "The filter that fits the Magotan comes first",
            trigger: ".o-autocomplete--dropdown-menu li:nth-child(1):contains(Tour Filter B)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=move_ids] .o_data_row .o_field_widget[name=product_id] input:value(Tour Filter B)",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_validate]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_repair_start]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_repair_end]",
            run: "click",
        },
        {
            content: "The job is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
