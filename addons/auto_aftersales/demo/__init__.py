"""The Python part of the demo data, imported only when the demo loads
(``ir.module.module._auto_demo_generate``), never with the runtime code."""
