#!/usr/bin/env bash
# Builds the Debian package from a build folder into a scratch folder and checks it: the files it
# must hold, the manifests' contents, the control fields, and lintian (no errors).
# Usage: deb_test.sh CPACK BUILD_DIR SOURCE_DIR   (run by ctest after the build)
set -euo pipefail
cpack=$1 build=$2 src=$3
scratch=$(mktemp -d "${TMPDIR:-/tmp}/pims-deb-test-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if ! "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
  cat "$scratch/cpack.log" >&2
  echo "FAIL: cpack could not build the package" >&2
  exit 1
fi
deb=$(ls "$scratch"/out/*.deb)
echo "built $(basename "$deb")"

listing=$(dpkg-deb -c "$deb" | awk '{print $6}')
must_hold=(
  ./usr/bin/pims-host ./usr/bin/pims ./usr/bin/pims-install
  ./etc/chromium/native-messaging-hosts/org.pims.host.json
  ./etc/opt/chrome/native-messaging-hosts/org.pims.host.json
  ./usr/lib/mozilla/native-messaging-hosts/org.pims.host.json
  ./usr/share/doc/pims/copyright ./usr/share/doc/pims/changelog.Debian.gz
)
if [[ -f "$src/extension/dist/chrome/manifest.json" ]]; then
  must_hold+=(./usr/share/pims/extension/chrome/manifest.json)
fi
if [[ -f "$src/extension/dist/firefox/manifest.json" ]]; then
  must_hold+=(./usr/share/pims/extension/firefox/manifest.json)
fi
for path in "${must_hold[@]}"; do
  grep -qxF "$path" <<<"$listing" || fail "the package does not hold $path"
done
# Nothing outside the usual places (a stray build path would show up here).
while read -r path; do
  case "$path" in
    ./ | ./usr/* | ./etc/ | ./etc/chromium/* | ./etc/opt/ | ./etc/opt/chrome/*) ;;
    *) fail "unexpected path in the package: $path" ;;
  esac
done <<<"$listing"

# The manifests are exactly what pims-install writes for /usr/bin/pims-host.
dpkg-deb -x "$deb" "$scratch/root"
"$build/installer/pims-install" manifest --family chromium --host-path /usr/bin/pims-host >"$scratch/chromium.json"
"$build/installer/pims-install" manifest --family firefox --host-path /usr/bin/pims-host >"$scratch/firefox.json"
for f in etc/chromium/native-messaging-hosts etc/opt/chrome/native-messaging-hosts; do
  cmp -s "$scratch/chromium.json" "$scratch/root/$f/org.pims.host.json" || fail "$f/org.pims.host.json differs"
done
cmp -s "$scratch/firefox.json" "$scratch/root/usr/lib/mozilla/native-messaging-hosts/org.pims.host.json" ||
  fail "usr/lib/mozilla/native-messaging-hosts/org.pims.host.json differs"
grep -q '"path": "/usr/bin/pims-host"' "$scratch/chromium.json" || fail "chromium manifest path"
grep -q '"allowed_extensions"' "$scratch/firefox.json" || fail "firefox manifest allowed_extensions"
[[ -x "$scratch/root/usr/bin/pims-host" ]] || fail "pims-host is not executable"

# Control fields.
[[ "$(dpkg-deb -f "$deb" Package)" == pims ]] || fail "Package field"
depends=$(dpkg-deb -f "$deb" Depends)
grep -q libc6 <<<"$depends" || fail "Depends lacks libc6 (shlibdeps): $depends"
grep -q libsodium <<<"$depends" || fail "Depends lacks libsodium: $depends"
grep -q "libssl3" <<<"$depends" && grep -q "libargon2-1" <<<"$depends" && grep -q "libpsl5" <<<"$depends" && grep -q "libidn2-0" <<<"$depends" || fail "Depends lacks the libraries loaded at import time: $depends"
conffiles=$(dpkg-deb -I "$deb" conffiles)
grep -qxF /etc/chromium/native-messaging-hosts/org.pims.host.json <<<"$conffiles" || fail "conffiles"
grep -qxF /etc/opt/chrome/native-messaging-hosts/org.pims.host.json <<<"$conffiles" || fail "conffiles"

# lintian: no errors (warnings and notes are printed, not fatal).
if command -v lintian >/dev/null 2>&1; then
  lintian --allow-root --no-cfg "$deb" >"$scratch/lintian.log" 2>&1 || true
  cat "$scratch/lintian.log"
  if grep -q '^E: ' "$scratch/lintian.log"; then fail "lintian reports errors"; fi
else
  echo "lintian is not installed: skipped (apt-get install lintian)"
fi

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "the Debian package is complete"
