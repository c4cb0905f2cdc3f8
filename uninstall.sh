#!/usr/bin/env bash
# Undoes ./install.sh: unregisters pims-host from every browser (pims-install uninstall), then
# removes the files install.sh installed under the prefix. Your vault (~/.local/share/pims, or
# $PIMS_HOME) is kept: it is your data. The build folder build-release/ is kept too.
#
# Usage: ./uninstall.sh [--prefix DIR]   (the prefix given to install.sh; default ~/.local)
set -euo pipefail

repo=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --prefix) [[ $# -ge 2 ]] || { echo "uninstall.sh: --prefix needs a folder" >&2; exit 2; }
              prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [[ ! -d "$prefix" ]]; then
  echo "uninstall.sh: $prefix does not exist: nothing to do" >&2
  exit 0
fi
prefix=$(cd "$prefix" && pwd)

pims_install="$prefix/bin/pims-install"
if [[ -x "$pims_install" ]]; then
  "$pims_install" uninstall
else
  echo "uninstall.sh: $pims_install is not there; skipping the browser registrations."
fi

# The files `cmake --install` wrote, as it listed them, when they are under this prefix; else the
# three binaries.
files=()
manifest="$repo/build-release/install_manifest.txt"
if [[ -f "$manifest" ]]; then
  while IFS= read -r file || [[ -n "$file" ]]; do
    [[ "$file" == "$prefix"/* ]] && files+=("$file")
  done <"$manifest"
fi
if [[ ${#files[@]} -eq 0 ]]; then
  files=("$prefix/bin/pims-host" "$prefix/bin/pims" "$prefix/bin/pims-install")
fi
for file in "${files[@]}"; do
  if [[ -e "$file" || -L "$file" ]]; then
    rm -f "$file"
    echo "removed $file"
  fi
done

data="${PIMS_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/pims}"
echo "pims is uninstalled. Your vault, if you made one, is kept in $data; delete that folder"
echo "yourself if you no longer want it. Remove the extension from each browser's extensions page."
