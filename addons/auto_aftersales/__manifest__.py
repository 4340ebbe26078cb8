{
    "name": "Dealer CRM: After-sales",
    "summary": "Stations, parts, work orders, service requests, reminders, surveys",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "category": "Services/Repair",
    "author": "Auto Dealer CRM contributors",
    "website": "https://github.com/auto-dealer-crm/auto-dealer-crm",
    "depends": ["auto_crm_leads", "stock", "purchase", "repair", "helpdesk_mgmt"],
    "data": [],
    "installable": True,
    "application": False,
}
