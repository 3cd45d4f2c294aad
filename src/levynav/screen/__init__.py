"""Batch screening (DESIGN M16): many cases in, language-free flags out — the same ``analyze`` as one case.

columns    the flat column mapping of a CSV/Parquet row to a Case (docs/batch-screening.md)
flags      the flags of one Analysis, read from rule ids, outcomes, effects and deadline ids
partition  one partition screened (what a worker runs)
sources    the input read in fixed-size partitions (JSONL, CSV, Parquet)
output     partition files and the final table
run        the driver: work folder, resume, single process or Dask
cluster    Dask distributed (LocalCluster or an existing scheduler)
report     summary counts and the Markdown/HTML report with SVG charts
generate   synthetic cases for tests and benchmarks
"""
