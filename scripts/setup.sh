#!/usr/bin/env bash
# One-time set-up after `npm ci`: the MongoDB wire-protocol server used by tests and by `npm start` when
# MONGODB_URI is unset. MongoDB itself is not in Debian and its download is unreachable from some
# networks, so we install SecantusDB (a MongoDB-compatible server on WiredTiger) from PyPI into .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECANTUS_VERSION="0.7.0b3"
if [ -x .tools/venv/bin/secantusd-py ] && .tools/venv/bin/pip show secantusdb 2>/dev/null | grep -q "Version: ${SECANTUS_VERSION}"; then
  echo "setup: SecantusDB ${SECANTUS_VERSION} already in .tools/venv"
  exit 0
fi
command -v python3 >/dev/null || { echo "setup: python3 (3.10+) is required for the embedded database" >&2; exit 1; }
echo "setup: installing SecantusDB ${SECANTUS_VERSION} into .tools/venv"
python3 -m venv .tools/venv
.tools/venv/bin/pip install --quiet --disable-pip-version-check "secantusdb==${SECANTUS_VERSION}"
echo "setup: done"
