{
    "name": "Dealer CRM: Owner Club",
    "summary": "Owner clubs and member events on Odoo Events",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "category": "Marketing/Events",
    "author": "Auto Dealer CRM contributors",
    "website": "https://github.com/auto-dealer-crm/auto-dealer-crm",
    "depends": ["auto_loyalty", "event"],
    "data": [],
    "installable": True,
    "application": False,
}
