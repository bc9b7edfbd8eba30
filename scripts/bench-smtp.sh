#!/usr/bin/env bash
# SMTP throughput benchmark: the real letters through the private test Postfix on 127.0.0.1:2525
# (scripts/postfix-test-setup.sh), beside Postfix's own smtp-source sending the same message over as many sessions.
# Extra arguments go to `notices bench` (e.g. --messages 4000 --connections 24). Empties the test Maildirs
# afterwards: they fill by ~130 KB per message. With --postfix-config (given here) the bench waits for the queue to
# empty before each measure and, as root, runs some measures with Postfix on CPUs of its own (affinity only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/postfix-test-setup.sh
dotnet build src/Notices.Cli -c Release --nologo -v q >/dev/null
clear_maildirs() { find /var/lib/notices-test-postfix/mail -type f -path '*/new/*' -o -type f -path '*/cur/*' | xargs -r rm -f; }
# The bench moves the instance to CPUs of its own for its split measures and back afterwards; should it be killed in
# between, put every process of the instance back on all CPUs here.
unpin_postfix() {
  local master
  master=$(cat /var/lib/notices-test-postfix/queue/pid/master.pid 2>/dev/null | tr -d ' ') || return 0
  [ -n "$master" ] || return 0
  for pid in "$master" $(pgrep -P "$master"); do taskset -a -c -p "0-$(($(nproc) - 1))" "$pid" >/dev/null 2>&1 || true; done
}
trap 'clear_maildirs; unpin_postfix' EXIT
dotnet src/Notices.Cli/bin/Release/net10.0/notices.dll bench --smtp smtp://127.0.0.1:2525 --postfix-config /var/lib/notices-test-postfix/etc --out out/bench-smtp "$@"
