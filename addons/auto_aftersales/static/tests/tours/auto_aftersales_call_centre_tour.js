import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

const currentStage = (statusbar) =>
    statusbar.querySelector(".o_arrow_button_current").dataset.value;

// A call-centre agent takes a complaint in After-sales: the caller's number
// finds the customer, the vehicle and the station that last served it; the
// agent dispatches the complaint and the ticket moves on.
registry.category("web_tour.tours").add("auto_aftersales_call_centre_tour", {
    url: "/odoo/action-auto_aftersales.helpdesk_ticket_action_complaint",
    steps: () => {
        let newStage = null;
        return [
            {
                content: "Take a complaint",
                trigger: ".o_list_button_add",
                run: "click",
            },
            {
                content: "The caller's number",
                trigger: ".o_field_widget[name=auto_caller_phone] input",
                run: "edit 13900139777 && press Tab",
            },
            {
                content: "The customer is found",
                trigger: ".o_field_widget[name=partner_id] input:value(Tour Caller)",
            },
            {
                content: "So is the vehicle",
                trigger: ".o_field_widget[name=auto_vehicle_id] input:value(京ATC777)",
            },
            {
                content: "The station that last served it is proposed",
                trigger: ".o_field_widget[name=auto_station_id] input:value(Tour Service Station)",
            },
            {
                trigger: ".o_field_widget[name=name] input",
                run: "edit Brakes squeal after the service",
            },
            {
                trigger: ".o_field_html[name=description] div.o-paragraph",
                run: "editor Squealing when braking since the last service.",
            },
            ...stepUtils.saveForm(),
            {
                content: "The ticket is new",
                trigger: ".o_statusbar_status:has(button.o_arrow_button_current)",
                run() {
                    newStage = currentStage(this.anchor);
                },
            },
            {
                content: "Dispatch it to the station",
                trigger: ".o_form_view button[name=action_auto_dispatch]",
                run: "click",
            },
            {
                content: "Dispatched",
                trigger: ".o_form_view:not(:has(button[name=action_auto_dispatch]))",
            },
            {
                content: "The ticket moved on to the dispatch stage",
                trigger: ".o_statusbar_status:has(button.o_arrow_button_current)",
                run() {
                    if (currentStage(this.anchor) === newStage) {
                        throw new Error("Dispatching left the ticket in its stage.");
                    }
                },
            },
        ];
    },
});
