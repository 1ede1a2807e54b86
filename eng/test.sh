#!/usr/bin/env bash
# Builds everything in Release and runs every test project (engine, storage compliance, SQS face with
# AWSSDK.SQS / boto3 / botocore-query / aws CLI against real server processes, crash and host tests).
# Prints per-project results and a final "N passed, N failed" line; exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$root/.build/test-results"
rm -rf "$results"
mkdir -p "$results"

for tool in python3 aws; do
  command -v "$tool" >/dev/null 2>&1 || echo "warning: '$tool' is not on PATH; the suites that drive it will fail" >&2
done
# The SNS suite verifies envelope signatures with the cryptography package.
if ! python3 -c 'import boto3, botocore, cryptography' 2>/dev/null; then
  python3 -m pip install --quiet boto3 cryptography >&2 || true
  python3 -c 'import boto3, botocore, cryptography' 2>/dev/null || echo "warning: boto3/botocore/cryptography are not importable; the Python suites will fail" >&2
fi

if ! dotnet build "$root/Conflux.slnx" -c Release --nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time: the integration suites start real servers and the machine may have 2 cores.
status=0
for project in $(find "$root/tests" -name '*.Tests.csproj' | sort); do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" \
    --blame-hang-timeout 10m "$@" || status=$?
  [ -f "$results/$name.trx" ] || { echo "$name produced no results"; status=1; }
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
  echo "dotnet test exited with $status (a test host crashed or hung)"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
