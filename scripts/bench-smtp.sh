#!/usr/bin/env bash
# SMTP throughput benchmark: the real letters through the private test Postfix on 127.0.0.1:2525
# (scripts/postfix-test-setup.sh), beside Postfix's own smtp-source with the same message size and sessions.
# Extra arguments go to `notices bench` (e.g. --messages 4000 --connections 24). Empties the test Maildirs
# afterwards: they fill by ~130 KB per message.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/postfix-test-setup.sh
dotnet build src/Notices.Cli -c Release --nologo -v q >/dev/null
clear_maildirs() { find /var/lib/notices-test-postfix/mail -type f -path '*/new/*' -o -type f -path '*/cur/*' | xargs -r rm -f; }
trap clear_maildirs EXIT
dotnet src/Notices.Cli/bin/Release/net10.0/notices.dll bench --smtp smtp://127.0.0.1:2525 --postfix-config /var/lib/notices-test-postfix/etc --out out/bench-smtp "$@"
