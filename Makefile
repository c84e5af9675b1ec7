# Two commands on a fresh machine: `make run` (index the sample corpus, start the bot or the web chat)
# and `make test` (the whole suite). Both create .venv on first use.
.PHONY: run test setup bench

.venv/.installed: pyproject.toml scripts/setup.sh scripts/install_debian.sh
	bash scripts/setup.sh

setup: .venv/.installed

run: .venv/.installed
	.venv/bin/nhiemvu run

test: .venv/.installed
	bash scripts/test.sh

bench: .venv/.installed
	.venv/bin/python benchmarks/ingest_bench.py
	.venv/bin/python benchmarks/query_bench.py
