#!/usr/bin/env bash
# Installs pims for you, on Debian 12 (or a close relative), from this checkout:
#   1. the build dependencies (scripts/install-deps.sh --build-only; uses sudo when not root),
#   2. a Release build in build-release/,
#   3. pims-host, pims and pims-install under a prefix (default ~/.local),
#   4. pims-host registered with every browser found (pims-install install),
#   5. the browser extension (npm --prefix extension run build),
# then prints how to load the extension in each browser found.
#
# Usage: ./install.sh [--prefix DIR] [--no-deps]
#   --prefix DIR   where to install (default: ~/.local; binaries go to DIR/bin)
#   --no-deps      do not run scripts/install-deps.sh (offline, or deps already there)
# Undo with ./uninstall.sh (same --prefix). Details: docs/install.md.
set -euo pipefail

repo=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
deps=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) [[ $# -ge 2 ]] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
              prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --no-deps) deps=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
step() { printf '\n==> %s\n' "$*"; }

cd "$repo"
if ((deps)); then
  step "Build dependencies (Debian packages)"
  scripts/install-deps.sh --build-only
fi

step "Building pims (Release) in build-release/"
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPIMS_BUILD_TESTS=OFF >/dev/null
ninja -C build-release -j2

step "Installing pims-host, pims and pims-install under $prefix"
cmake --install build-release --prefix "$prefix"
pims_install="$prefix/bin/pims-install"

step "Registering pims-host with your browsers"
set +e
"$pims_install" install --host-path "$prefix/bin/pims-host"
registered=$?
set -e
case $registered in
  0) ;;
  4) echo "No browser found yet. Once you have one, run: $pims_install install" ;;
  *) echo "Some registrations failed (see above); fix them, then run: $pims_install install" ;;
esac

step "Building the browser extension"
ext_chrome="$repo/extension/dist/chrome"
ext_firefox="$repo/extension/dist/firefox"
xpi=""
if [[ -f extension/package.json ]]; then
  if npm --prefix extension run build; then
    if [[ -f "$repo/extension/dist/pims-firefox.xpi" ]]; then
      xpi="$repo/extension/dist/pims-firefox.xpi"
    elif [[ -f "$ext_firefox/manifest.json" ]] && command -v zip >/dev/null 2>&1; then
      # A zip with manifest.json at its root is an .xpi.
      xpi="$repo/build-release/pims-firefox.xpi"
      rm -f "$xpi"
      (cd "$ext_firefox" && zip -qr -X "$xpi" .)
    fi
  else
    echo "The extension did not build. If its tools are missing, run:"
    echo "  npm --prefix extension install && npm --prefix extension run build"
  fi
else
  echo "extension/package.json is not there yet: skipping the extension build."
fi

step "Loading the extension"
found=$("$pims_install" list --found 2>/dev/null || true)
if [[ -z "$found" ]]; then
  echo "No browser found. Install Chromium or Firefox (sudo apt-get install chromium firefox-esr),"
  echo "then run: $pims_install install"
fi
while IFS=$'\t' read -r id family state name; do
  [[ -n "$id" ]] || continue
  if [[ "$state" == sandboxed ]]; then
    echo "- $name (Flatpak/Snap copy): see the note printed by pims-install above."
  fi
  if [[ "$family" == chromium ]]; then
    case "$id" in
      edge) page="edge://extensions" ;;
      brave) page="brave://extensions" ;;
      vivaldi) page="vivaldi://extensions" ;;
      opera) page="opera://extensions" ;;
      *) page="chrome://extensions" ;;
    esac
    echo "- $name: open $page, turn on \"Developer mode\", click \"Load unpacked\" and"
    echo "    choose $ext_chrome"
  else
    echo "- $name: open about:debugging, click \"This Firefox\", then \"Load Temporary Add-on...\""
    echo "    and choose $ext_firefox/manifest.json (it stays until $name restarts)."
    if [[ -n "$xpi" ]]; then
      echo "    To keep it across restarts (Firefox ESR, Developer Edition or Nightly only): set"
      echo "    xpinstall.signatures.required to false in about:config, then in about:addons use"
      echo "    the gear menu, \"Install Add-on From File...\", and choose $xpi"
    fi
  fi
done <<<"$found"
if [[ ! -d "$ext_chrome" && -n "$found" ]]; then
  echo "(extension/dist does not exist yet: build the extension first, as shown above.)"
fi

step "Done"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "Add $prefix/bin to your PATH, e.g.: echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.profile" ;;
esac
echo "Create your vault with: pims init        Check the browsers with: pims-install status"
