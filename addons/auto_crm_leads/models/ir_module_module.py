import importlib

from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _auto_demo_generate(self, module, generator):
        """Run ``generate(env)`` of ``odoo.addons.<module>.demo.<generator>``:
        the Python part of one of our modules' demo data, called by a
        ``<function>`` of its demo XML, so only when the demo loads.

        Demo code is not runtime code: the addons do not import their
        ``demo`` package, so a server never loads it; this method imports it
        when the demo data asks for it (as Odoo's ``<function>`` can only
        call a model's method)."""
        if not module.startswith("auto_") or not generator.isidentifier():
            raise ValueError(f"Not a demo generator: {module}.{generator}")
        importlib.import_module(f"odoo.addons.{module}.demo.{generator}").generate(
            self.env
        )
