#!/usr/bin/env bash
# Install what the tests need (LibreOffice, poppler, CJK fonts, pandoc; Python test extras) and run them.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
need=""
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui"
# Calc, to open the .xlsx outputs (tests/render/test_xlsx.py); dpkg-query only where there is apt
if command -v dpkg-query >/dev/null 2>&1; then
  calc=$(dpkg-query -W -f='${Status}\n' libreoffice-calc libreoffice-calc-nogui 2>/dev/null || true)
  case "$calc" in *"ok installed"*) ;; *) need="$need libreoffice-calc-nogui" ;; esac
fi
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
fc-list :lang=zh family 2>/dev/null | grep -q "Noto Serif CJK SC" || need="$need fonts-noto-cjk fontconfig"
# A system Python that pip must not install into (PEP 668, e.g. Debian 12, Ubuntu 24.04) gets the
# project's own virtual environment, .venv; one already in a virtual environment is used as it is.
PY=python3
managed=$(python3 -c 'import sys, sysconfig, os; print(int(sys.prefix == sys.base_prefix and os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))))')
if [ "$managed" = 1 ]; then
  python3 -c 'import ensurepip, venv' 2>/dev/null || need="$need python3-venv"
  PY=.venv/bin/python
fi
if [ -n "$need" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
  else
    echo "Please install:$need (render tests are skipped without them)" >&2
  fi
fi
if [ "$PY" = .venv/bin/python ] && [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
"$PY" -m pip install -q -e '.[test]'
"$PY" -m pytest "$@"
