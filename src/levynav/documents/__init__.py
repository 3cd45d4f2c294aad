"""Documents: the levy packet — letters, forms/worksheets (forms.py), checklists, calendar, timeline."""
