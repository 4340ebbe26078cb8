import { registry } from "@web/core/registry";
import { openMenu } from "./tour_utils";

const SECTION = "auto_aftersales.menu_auto_aftersales_parts";

// A parts clerk looks at the stock per station, keeps a reorder rule and
// sends parts to the other store's station.
registry.category("web_tour.tours").add("auto_aftersales_station_tour", {
    url: "/odoo/stock-per-station",
    steps: () => [
        {
            content: "The stock is grouped by station",
            trigger: ".o_list_view .o_group_header:contains(Tour Beijing Station)",
        },
        ...openMenu(SECTION, "auto_aftersales.stock_orderpoint_menu_part"),
        {
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row .o_field_widget[name=product_id] input",
            run: "edit Tour Caliper",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item:contains(Tour Caliper)",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row .o_field_widget[name=product_min_qty] input",
            run: "edit 2",
        },
        {
            trigger: ".o_data_row.o_selected_row .o_field_widget[name=product_max_qty] input",
            run: "edit 10",
        },
        {
            trigger: ".o_list_view .o_list_button_save",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:not(.o_selected_row):contains(Tour Caliper)",
        },
        ...openMenu(SECTION, "auto_aftersales.auto_station_transfer_menu"),
        {
            trigger: ".modal .o_field_widget[name=dest_station] select",
            run: "selectByLabel Tour Hangzhou Station",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_widget[name=product_id] input",
            run: "edit Tour Caliper",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item:contains(Tour Caliper)",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=line_ids] .o_field_widget[name=quantity] input",
            run: "edit 2",
        },
        {
            trigger: ".modal button[name=action_transfer]",
            run: "click",
        },
        {
            content: "The delivery names the receipt waiting at the other station",
            trigger: ".o_form_view .o_field_widget[name=auto_transfer_peer_ref]:contains(Tour Hangzhou Station)",
        },
    ],
});
