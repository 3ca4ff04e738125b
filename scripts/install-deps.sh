#!/usr/bin/env bash
# Installs the system packages Longhand needs, only when they are missing:
# libcmark-dev (Markdown → HTML) and libjs-katex (math typesetting in the pages).
set -euo pipefail
missing=()
pkg-config --exists libcmark 2>/dev/null || missing+=(libcmark-dev pkg-config)
[ -f /usr/share/javascript/katex/katex.min.js ] || missing+=(libjs-katex)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
