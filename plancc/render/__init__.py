"""Render stage: one module per output (notice, matrix, sheets); each is independent of the others.

A renderer is a module with `render(plan, ctx) -> list[Output]`; it returns bytes and never writes.
"""
