{
    "name": "Dealer CRM: Loyalty",
    "summary": "Membership tiers, points ledger, RFM segmentation and win-back",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "category": "Sales/CRM",
    "author": "Auto Dealer CRM contributors",
    "website": "https://github.com/auto-dealer-crm/auto-dealer-crm",
    "depends": ["auto_aftersales"],
    "data": [],
    "installable": True,
    "application": False,
}
