#!/usr/bin/env bash
# Installs and runs a private, loopback-only CUPS instance on 127.0.0.1:6631 with a cups-pdf queue, for the printing
# tests ("Printing through CUPS"). Idempotent and non-interactive: quick when the instance already runs with this setup.
#
# Private means: its cupsd.conf, cups-files.conf, printers.conf, PPDs, spool, cache, state and logs all live under
# /var/lib/notices-test-cups, and cupsd is started with `cupsd -c … -s …`, listening on 127.0.0.1:6631 only (no
# /run/cups/cups.sock, no browsing). The machine's own CUPS (/etc/cups/cupsd.conf, printers.conf, port 631) is never
# edited, started, stopped or reloaded.
#
# One file is added outside that folder: /etc/cups/cups-pdf-notices-test.conf. The cups-pdf backend reads its settings
# only from /etc/cups (a path compiled in); the device URI cups-pdf:/notices-test selects that instance file, which
# sends the PDFs to /var/lib/notices-test-cups/pdf instead of ~/PDF. /etc/cups/cups-pdf.conf is left as it is.
#
# Queues (tests may disable/reject them; this script puts them back to enabled and accepting):
#   notices-pdf      cups-pdf:/notices-test   PDFs in /var/lib/notices-test-cups/pdf, named job_<id>-<title>.pdf
# Use with: CUPS_SERVER=127.0.0.1:6631 lpstat -t
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

ROOT=/var/lib/notices-test-cups
CONF=$ROOT/etc
PORT=6631
SERVER=127.0.0.1:$PORT
QUEUE=notices-pdf
PDF_OUT=$ROOT/pdf
INSTANCE_CONF=/etc/cups/cups-pdf-notices-test.conf
say() { echo "cups-test-setup: $*"; }

if [ ! -x /usr/sbin/cupsd ] || [ ! -x /usr/lib/cups/backend/cups-pdf ] \
   || ! command -v lpadmin >/dev/null 2>&1; then
  say "installing cups, cups-client and printer-driver-cups-pdf from Debian's packages"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    cups cups-client printer-driver-cups-pdf >/dev/null
fi

for dir in "$ROOT" "$CONF" "$CONF/ppd" "$CONF/ssl" "$ROOT/cache" "$ROOT/state" "$ROOT/log" "$ROOT/tmp" "$ROOT/cups-pdf-spool"; do
  [ -d "$dir" ] || $SUDO install -d -o root -g root -m 0755 "$dir"
done
[ -d "$ROOT/spool" ] || $SUDO install -d -o root -g lp -m 0710 "$ROOT/spool"
[ -d "$PDF_OUT" ] || $SUDO install -d -o root -g root -m 0777 "$PDF_OUT"
$SUDO chmod 1777 "$ROOT/tmp" "$ROOT/cups-pdf-spool"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

cat >"$staging/cups-files.conf" <<EOF
# Written by scripts/cups-test-setup.sh: the private test CUPS of the Notices test suite. Do not edit.
ServerRoot $CONF
RequestRoot $ROOT/spool
CacheDir $ROOT/cache
StateDir $ROOT/state
TempDir $ROOT/tmp
AccessLog $ROOT/log/access_log
ErrorLog $ROOT/log/error_log
PageLog $ROOT/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
DocumentRoot /usr/share/cups/doc-root
User lp
Group lp
SystemGroup root lpadmin
FileDevice No
EOF

# No authentication at all: only 127.0.0.1 can connect, and the tests run admin commands (lpadmin, cupsdisable,
# cupsreject) as whatever user runs the suite. Job names stay visible, so a client can find its own job by title.
cat >"$staging/cupsd.conf" <<EOF
# Written by scripts/cups-test-setup.sh. Do not edit.
LogLevel warn
MaxLogSize 1m
Listen $SERVER
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
DefaultEncryption Never
WebInterface No
ErrorPolicy stop-printer
PreserveJobHistory Yes
PreserveJobFiles No
MaxJobs 2000
<Location />
  Order deny,allow
  Deny from all
  Allow from 127.0.0.1
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
    Deny from all
    Allow from 127.0.0.1
  </Limit>
</Policy>
EOF

# Label 2: the file name starts with job_<id>- so a test finds the PDF of its own job.
cat >"$staging/cups-pdf-notices-test.conf" <<EOF
# Written by scripts/cups-test-setup.sh for the private test CUPS (device URI cups-pdf:/notices-test). Do not edit.
Out $PDF_OUT
AnonDirName $PDF_OUT
Spool $ROOT/cups-pdf-spool
Log $ROOT/log
Label 2
Grp lp
UserUMask 0000
EOF

changed=0
for f in cups-files.conf cupsd.conf; do
  if ! cmp -s "$staging/$f" "$CONF/$f"; then
    $SUDO install -m 0644 "$staging/$f" "$CONF/$f"
    changed=1
  fi
done
if ! cmp -s "$staging/cups-pdf-notices-test.conf" "$INSTANCE_CONF"; then
  $SUDO install -m 0644 "$staging/cups-pdf-notices-test.conf" "$INSTANCE_CONF"
fi

# cupsd re-executes itself with -C once it runs in the background.
pids() { pgrep -f "^/usr/sbin/cupsd -[cC] $CONF/cupsd.conf" || true; }
answers() { CUPS_SERVER=$SERVER lpstat -r 2>/dev/null | grep -q 'is running'; }

if [ -n "$(pids)" ] && [ "$changed" -eq 1 ]; then
  for pid in $(pids); do $SUDO kill "$pid"; done
  for _ in $(seq 1 50); do [ -z "$(pids)" ] && break; sleep 0.1; done
fi
action="already running"
if [ -z "$(pids)" ]; then
  action="started"
  $SUDO /usr/sbin/cupsd -c "$CONF/cupsd.conf" -s "$CONF/cups-files.conf"
fi
for _ in $(seq 1 50); do answers && break; sleep 0.2; done
if ! answers; then
  echo "cups-test-setup: the private cupsd does not answer on $SERVER; last lines of $ROOT/log/error_log:" >&2
  tail -n 30 "$ROOT/log/error_log" >&2 || true
  exit 1
fi

export CUPS_SERVER=$SERVER
if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
  # lpadmin warns that printer drivers are deprecated: harmless for a test queue.
  $SUDO env CUPS_SERVER=$SERVER lpadmin -p "$QUEUE" -v cups-pdf:/notices-test -E \
    -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd -o printer-error-policy=abort-job 2>&1 | grep -v -i 'deprecated' || true
fi
# Tests stop or reject the queue on purpose; leave it ready for the next run.
$SUDO env CUPS_SERVER=$SERVER cupsenable "$QUEUE"
$SUDO env CUPS_SERVER=$SERVER cupsaccept "$QUEUE"
lpstat -p "$QUEUE" >/dev/null
say "private cupsd $action on $SERVER (config $CONF, logs $ROOT/log); queue $QUEUE writes PDFs to $PDF_OUT;" \
  "the system's CUPS was not changed (only $INSTANCE_CONF was added)"
