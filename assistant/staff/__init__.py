"""Staff tools over one parsed plan: a checker (checker.py, budget.py), a next-year draft (draft.py,
written by export.py), a comparison of targets and tasks (compare.py). All pure over ParsedDocument."""
