import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A club manager plans a member event and checks a member in.
registry.category("web_tour.tours").add("auto_club_event_tour", {
    url: "/odoo/action-auto_club.event_event_action_club?view_type=list",
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=name] textarea",
            run: "edit Tour Tech Salon",
        },
        {
            trigger: ".o_field_widget[name=auto_club_id] input",
            run: "edit Tour Club",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains(Tour Club)",
            run: "click",
        },
        {
            trigger: ".o_notebook_headers a[name=auto_club]",
            run: "click",
        },
        {
            content: "The club's event is for its members only",
            trigger: ".o_field_widget[name=auto_members_only] input:checked",
        },
        ...stepUtils.saveForm(),
        {
            trigger: ".oe_stat_button:contains(Attendees)",
            run: "click",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Member",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains(Tour Member)",
            run: "click",
        },
        ...stepUtils.saveForm(),
        {
            trigger: ".o_form_view button[name=action_set_done]",
            run: "click",
        },
        {
            content: "Checked in",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
