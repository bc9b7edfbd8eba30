#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine.
# Installs what the tests need from Debian's packages when it is missing (idempotent, non-interactive),
# starts the private test Postfix on 127.0.0.1:2525 (scripts/postfix-test-setup.sh) and the private test CUPS on
# 127.0.0.1:6631 (scripts/cups-test-setup.sh), then runs `dotnet test Notices.sln`.
# Extra arguments go to dotnet test (e.g. --filter Records).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)   # pdftotext, pdfinfo, pdffonts, pdftoppm
command -v sqlite3   >/dev/null 2>&1 || missing+=(sqlite3)         # the ledger tamper test edits rows with it
[ -x /usr/sbin/cupsd ]                 || missing+=(cups)            # the printing tests print through a real CUPS
[ -x /usr/lib/cups/backend/cups-pdf ]  || missing+=(printer-driver-cups-pdf) # ... onto a cups-pdf queue
command -v lpadmin   >/dev/null 2>&1 || missing+=(cups-client)     # lpadmin, lp, lpstat, cupsenable/cupsdisable, cupsaccept/cupsreject
/usr/bin/python3 -c "import dkim" >/dev/null 2>&1 || missing+=(python3-dkim) # the DKIM tests verify with an independent verifier
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The SMTP and DSN tests talk to a real, private Postfix instance on 127.0.0.1:2525 (own config under
# /var/lib/notices-test-postfix; the machine's own Postfix and /etc/postfix are left alone).
bash scripts/postfix-test-setup.sh

# The printing tests print through a real, private cupsd on 127.0.0.1:6631 with a cups-pdf queue (own config under
# /var/lib/notices-test-cups; the system's CUPS is left alone; one instance file /etc/cups/cups-pdf-notices-test.conf).
bash scripts/cups-test-setup.sh

log="$(mktemp)"
status=0
dotnet test Notices.sln --nologo "$@" 2>&1 | tee "$log" || status=$?
# One plain closing line that any CI reader understands.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
