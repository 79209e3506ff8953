"""The Pinterest connector on many machines: Temporal workflows that keep
every account's tokens fresh and publish pins in bulk under the app's and
each account's write budgets, with the tokens in a shared, encrypted vault
(SQLite on one machine, PostgreSQL for several). See docs/scale.md."""
