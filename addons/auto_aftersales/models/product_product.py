from odoo import api, models
from odoo.osv import expression


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """With a vehicle model in the context (a work order's part lines), the
        parts that fit the model come first, then the others."""
        model_id = self.env.context.get("auto_fitment_model_id")
        if not model_id or operator in expression.NEGATIVE_TERM_OPERATORS:
            return self._auto_name_search(name, args, operator, limit)
        fitting = self._auto_name_search(
            name,
            expression.AND([args or [], [("auto_fitment_model_ids", "in", model_id)]]),
            operator,
            limit,
        )
        remaining = limit - len(fitting) if limit else None
        if remaining == 0:
            return fitting
        others = self._auto_name_search(
            name,
            expression.AND(
                [args or [], [("id", "not in", [pid for pid, _name in fitting])]]
            ),
            operator,
            remaining,
        )
        return fitting + others

    @api.model
    def _auto_name_search(self, name="", args=None, operator="ilike", limit=100):
        """A part number also finds the parts it supersedes and is superseded by,
        so an old number in a parts list leads the clerk to the part in stock."""
        results = super().name_search(name, args, operator, limit)
        remaining = limit - len(results) if limit else None
        if not name or operator in expression.NEGATIVE_TERM_OPERATORS or remaining == 0:
            return results
        found = {product_id for product_id, _name in results}
        related = self.search_fetch(
            expression.AND(
                [
                    args or [],
                    [("id", "not in", list(found))],
                    [
                        "|",
                        ("auto_superseded_by_id.auto_part_number", operator, name),
                        ("auto_supersedes_ids.auto_part_number", operator, name),
                    ],
                ]
            ),
            ["display_name"],
            limit=remaining,
        )
        return results + [(product.id, product.display_name) for product in related]
