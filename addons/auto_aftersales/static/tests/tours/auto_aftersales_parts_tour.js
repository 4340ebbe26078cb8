import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { openMenu } from "./tour_utils";

const SECTION = "auto_aftersales.menu_auto_aftersales_parts";

// A parts clerk receives the parts a supplier delivered and issues one of them
// over the counter to the work order waiting for it.
registry.category("web_tour.tours").add("auto_aftersales_parts_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("auto_aftersales.menu_auto_aftersales_root", "After-sales"),
        ...openMenu(SECTION, "auto_aftersales.stock_picking_menu_part"),
        {
            content: "The transfers are shown, with their own search bar",
            trigger: ".o_breadcrumb:contains(Transfers)",
        },
        {
            trigger: ".o_searchview_input",
            run: "edit TPS/IN",
        },
        {
            content: "Enter picks the first suggestion once they are shown",
            trigger: ".o_searchview_autocomplete .dropdown-item:contains(TPS/IN)",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            trigger: ".o_searchview_facet:contains(TPS/IN)",
        },
        {
            trigger: ".o_data_row td[name=name]:contains(TPS/IN/)",
            run: "click",
        },
        {
            content: "The supplier delivered 4 of the 6 ordered",
            trigger: ".o_field_widget[name=move_ids_without_package] .o_data_row td[name=quantity]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=move_ids_without_package] .o_field_widget[name=quantity] input",
            run: "edit 4",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=button_validate]",
            run: "click",
        },
        {
            content: "The 2 missing follow in a backorder",
            trigger: ".modal button[name=process]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        ...openMenu(SECTION, "auto_aftersales.stock_move_menu_issue"),
        {
            content: "The technician brings the work order of 京AT0UR1",
            trigger: ".o_data_row:contains(京AT0UR1):contains(Tour Brake Disc) .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".o_control_panel button[name=action_auto_issue]",
            run: "click",
        },
        {
            content: "Issued: the line leaves the parts to issue",
            trigger: ".o_list_view:not(:has(.o_data_row:contains(Tour Brake Disc)))",
        },
    ],
});
