"""The top floor: demo and scale data for every app.

`seed_facts` holds the seed's facts (the fixed random seed, the demo password, the LAGs,
places, people and accounts) and writes the base of the demo (territories, accounts,
actors); each other module writes the demo data of one app (`events`, `projects`, …);
`scale` writes synthetic data for benchmarks. The `seed_demo` and `seed_scale` commands
live here. Nothing below this package imports it (docs/architecture.md).
"""
