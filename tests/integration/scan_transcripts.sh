#!/usr/bin/env bash
# Secrets hygiene: every host log, host stderr, CLI stderr and error reply that the integration
# tests produced (kept in the transcript folder, see tests/support/transcript.h) is searched for
# the test passwords and the test profile's values. Any hit fails, naming the file.
# Usage: scan_transcripts.sh DIR
set -euo pipefail
dir=${1:?usage: scan_transcripts.sh DIR}
shopt -s nullglob
files=("$dir"/*.txt)
# The scan must have something to scan, or it proves nothing.
logs=("$dir"/host-log-*.txt)
errors=("$dir"/error-replies-*.txt)
cli=("$dir"/cli-stderr-*.txt)
if (( ${#logs[@]} < 10 || ${#errors[@]} < 1 || ${#cli[@]} < 1 )); then
  echo "scan: too few transcripts in $dir (host logs ${#logs[@]}, error replies ${#errors[@]}, cli ${#cli[@]})"
  exit 1
fi
grep -q "verb=fill" "${logs[@]}" || { echo "scan: no fill was logged"; exit 1; }

# Values of tests/support/ada_profile.h and the tests' passwords and card inputs.
secrets=(
  "Lovelace" "ada@example.org" "4111111111111111" "4111 1111 1111 1111" "4111111111111112"
  "SW1Y 4JH" "St James" "2079460000" "1815-12-10" "Analytical Engines" "Babbage Street"
  "correct horse" "battery staple" "hunter2" "wrong-secret" "backup-pw" "other-pw"
  "import-pw" "import-pW" "Hopper" "grace@example.com" "Navy Yard"
)
found=0
for secret in "${secrets[@]}"; do
  if hits=$(grep -lF -- "$secret" "${files[@]}"); then
    echo "scan: '$secret' appears in: $hits"
    found=1
  fi
done
bytes=$(cat "${files[@]}" | wc -c)
echo "scan: ${#files[@]} transcripts, $bytes bytes, ${#secrets[@]} secrets searched"
if (( found )); then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
