from odoo import api, models


class IrCron(models.Model):
    _inherit = "ir.cron"

    @api.model
    def _auto_notify_batch(self, done, batch_size=None, remaining=None):
        """Report one batch of a scheduler to Odoo's cron runner.

        ``remaining`` is how many records are left, when the scheduler knows;
        otherwise a full batch (``done`` reached ``batch_size``) means that
        more may be left. While something was done and something remains, the
        runner calls the job again in a new transaction (up to ten batches a
        run), then reschedules it as soon as possible (``_run_job`` in
        base/models/ir_cron.py): the job need not re-trigger itself. Outside
        the runner (a test, the demo) there is no progress to report and the
        rest waits for the next run."""
        if remaining is None:
            remaining = int(bool(batch_size) and done >= batch_size)
        self._notify_progress(done=done, remaining=int(remaining))
        return remaining
