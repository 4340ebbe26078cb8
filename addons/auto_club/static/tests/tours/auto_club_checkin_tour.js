import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The club manager opens their club, one of its events, registers a member
// and checks them in at the desk.
registry.category("web_tour.tours").add("auto_club_checkin_tour", {
    url: "/odoo/action-auto_club.auto_club_action",
    steps: () => [
        {
            content: "Open the club",
            trigger: ".o_kanban_record:contains(Tour Checkin Club)",
            run: "click",
        },
        {
            content: "Its events",
            trigger: ".o_form_view button[name=action_view_events]",
            run: "click",
        },
        {
            content: "Open the event",
            trigger: ".o_kanban_record:contains(Tour Owner Lecture)",
            run: "click",
        },
        {
            content: "Its attendees",
            trigger: ".o_form_view button.oe_stat_button:has(i.fa-users)",
            run: "click",
        },
        {
            content: "Register a member",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Checkin Member",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains(Tour Checkin Member)",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            content: "Registered",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=open]",
        },
        {
            content: "Check the member in",
            trigger: ".o_form_view button[name=action_set_done]",
            run: "click",
        },
        {
            content: "Checked in",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
