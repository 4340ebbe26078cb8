"""Load the demo dealership into a database installed without demo data.

Run by bin/lib.sh through ``python -m odoo shell`` (which gives ``env``) on a
database where the addons were installed with ``--without-demo=all``: Odoo's
generic demo (its furniture company, Marc Demo, fleet's and OCA's demo records)
is never loaded, and the dealer group comes from the addons' own demo files,
loaded here as Odoo loads demo data (``odoo.modules.loading.load_demo``, in
init mode), addon after addon in dependency order. Odoo loads a module's demo
only when all its dependencies have theirs; this loads ours alone on purpose."""

from odoo.modules import loading
from odoo.modules.graph import Graph

ADDONS = ["auto_crm_leads", "auto_aftersales", "auto_loyalty", "auto_club"]

env = env  # noqa: F821 (given by odoo shell)
# The dealership works in Chinese: its customers' language, the demo's texts.
env["res.lang"]._activate_lang("zh_CN")
demo_env = env(su=True, context=dict(env.context, lang="zh_CN"))
env.cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
graph = Graph()
graph.add_modules(env.cr, [name for (name,) in env.cr.fetchall()])
for package in graph:
    if package.name in ADDONS:
        loading.load_data(demo_env, {}, "init", kind="demo", package=package)
        env.cr.execute(
            "UPDATE ir_module_module SET demo = true WHERE name = %s", [package.name]
        )
        env.cr.commit()
env["ir.module.module"].invalidate_model(["demo"])
env["ir.module.module"].search([("name", "in", ADDONS)])._update_translations("zh_CN")
env.cr.commit()
