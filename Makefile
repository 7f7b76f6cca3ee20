# bianzhi — two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test test-pg lint checks schema bench install serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	DEBUG=1 $(BIN)/bianzhi migrate --noinput -v0
	DEBUG=1 $(BIN)/bianzhi load_demo
	@echo "平台地址: http://127.0.0.1:$(PORT)/  （演示账号见 README；管理员二次验证码：$(BIN)/python -m bianzhi.accounts.demo_totp）"
	DEBUG=1 $(BIN)/bianzhi runserver 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check bianzhi bench
	$(BIN)/lint-imports

checks: $(STAMP)
	BIANZHI_TESTING=1 $(BIN)/bianzhi check --fail-level WARNING
	BIANZHI_TESTING=1 $(BIN)/bianzhi makemigrations --check --dry-run
	BIANZHI_TESTING=1 $(BIN)/bianzhi spectacular --file /tmp/bianzhi-openapi.yaml --validate --fail-on-warn
	diff -u docs/openapi.yaml /tmp/bianzhi-openapi.yaml || (echo "docs/openapi.yaml 与生成的接口定义不一致：运行 make schema 并提交" && exit 1)

schema: $(STAMP)
	BIANZHI_TESTING=1 $(BIN)/bianzhi spectacular --file docs/openapi.yaml --validate

# The whole suite: lint, Django checks, schema drift, unit + integration + browser tests (SQLite).
test: lint checks
	$(BIN)/python -m pytest -n 2 -q

# The same suite on PostgreSQL (DATABASE_URL defaults to the local server).
test-pg: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bianzhi} $(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var staticfiles
