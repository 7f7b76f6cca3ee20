# bianzhi — two commands set everything up: `make demo` and `make test`.
# The interpreter: $(PYTHON) if given, else the first of these that is Python 3.11 or newer.
PYTHON_CANDIDATES := python3.11 python3.12 python3.13 python3.14 python3 python
PYTHON ?= $(shell for p in $(PYTHON_CANDIDATES); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' \
	>/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test test-pg test-bare coverage lint checks schema bench install serve clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "未找到 Python 3.11 或更新版本（含 venv/ensurepip 模块）。请先安装，例如："; \
	  echo "  Debian/Ubuntu: apt-get install python3 python3-venv   （python3 须 ≥ 3.11，如 Debian 12、Ubuntu 24.04）"; \
	  echo "  Fedora/RHEL:   dnf install python3.12"; \
	  echo "  macOS:         brew install python@3.12"; \
	  echo "  其他：         https://www.python.org/downloads/  ，或 make PYTHON=/path/to/python3.12"; \
	  echo "No Python >= 3.11 with venv found: install one (see above) or pass PYTHON=/path/to/python3."; \
	  exit 1; fi
	@echo "使用 $(PYTHON)（$$($(PYTHON) --version)）"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	BIANZHI_DEMO=1 $(BIN)/bianzhi migrate --noinput -v0
	BIANZHI_DEMO=1 $(BIN)/bianzhi load_demo
	@echo "平台地址: http://127.0.0.1:$(PORT)/  （演示账号见 README；Web 服务和后台任务一起运行，Ctrl-C 同时停止；管理员二次验证码：$(BIN)/python -m bianzhi.accounts.demo_totp）"
	BIANZHI_DEMO=1 $(BIN)/bianzhi serve --bind 127.0.0.1:$(PORT) --workers 2

lint: $(STAMP)
	$(BIN)/ruff check bianzhi bench scripts
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

# The rule modules (pyproject [tool.coverage.run] include) must be fully covered by the rule tests alone.
RULE_TESTS := bianzhi/accounts/tests bianzhi/workflow/tests/test_rules.py bianzhi/workflow/tests/test_flow.py \
	bianzhi/workflow/tests/test_locks.py bianzhi/sanding/tests bianzhi/lists/tests/test_rules.py \
	bianzhi/registry/tests/test_rules.py
coverage: $(STAMP)
	$(BIN)/python -m pytest -q -p no:xdist --cov --cov-report=term-missing --cov-fail-under=100 $(RULE_TESTS)

# `make test` as on a fresh machine: a new clone, no system fonts, no chromium/tesseract/poppler (Linux, root).
test-bare:
	bash .ci/bare-test

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var staticfiles
