#!/usr/bin/env bash
# Make sure the real readers of our exports are on this machine: headless Chromium opens and
# prints the HTML, LibreOffice converts the Word file, pdftotext reads what they made.
# As root (CI) it installs the Debian packages of the missing programs; as anyone else it says
# what is missing and the tests marked `readers` that need them are skipped.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing for the export tests: ${missing[*]}, so the tests that need them will be skipped: apt-get install ${missing[*]}" >&2
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the export tests (Debian packages)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing for the export tests: ${missing[*]}, and there is no apt-get to install them." >&2
  exit 1
fi
