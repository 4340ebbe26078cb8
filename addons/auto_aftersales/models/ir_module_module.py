import re

from odoo import models
from odoo.modules.module import get_module_path
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationImporter

# The module a term of a PO file belongs to: "model:ir.ui.menu,name:event.xxx".
TERM_MODULE = re.compile(r"^#: model(?:_terms)?:[\w.]+,\w+:(\w+)\.", re.MULTILINE)


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        """Our addons correct other modules' Chinese terms (helpdesk_mgmt ships
        none, event calls its tickets 工单) in their ``i18n_extra/<lang>.po``,
        whose entries name the module they translate. Odoo loads such a file
        with our module's own, but keeps a translation already there: load
        it again over the other module's terms, whenever our module or the
        corrected one loads its terms, so that the correction wins."""
        super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if imported_module:
            return
        modules = set(modules)
        suite = set(
            self.sudo()
            .search(
                [
                    ("name", "=like", "auto\\_%"),
                    ("state", "in", ("installed", "to install", "to upgrade")),
                ]
            )
            .mapped("name")
        )
        importer = TranslationImporter(self.env.cr, verbose=False)
        loaded = False
        for module in sorted(suite):
            if not get_module_path(module):
                continue
            for lang in langs:
                path = self._auto_extra_terms_path(module, lang)
                if not path:
                    continue
                with open(path, encoding="utf-8") as po_file:
                    corrected = set(TERM_MODULE.findall(po_file.read()))
                if module in modules or corrected & modules:
                    importer.load_file(path, lang)
                    loaded = True
        if loaded:
            importer.save(overwrite=True, force_overwrite=True)

    def _auto_extra_terms_path(self, module, lang):
        try:
            return file_path(f"{module}/i18n_extra/{lang}.po")
        except FileNotFoundError:
            return None
