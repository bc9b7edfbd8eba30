#!/usr/bin/env bash
# Installs and runs a private, loopback-only Postfix instance on 127.0.0.1:2525 for the test suite ("Email for real").
# Idempotent and non-interactive: safe to run many times, and quick when the instance already runs with this setup.
#
# Private means: everything lives under /var/lib/notices-test-postfix (its own main.cf/master.cf, queue, data
# directory, Maildirs and log) and it is started with `postfix -c <dir> start`. The machine's own Postfix
# (/etc/postfix, /var/spool/postfix, port 25) is never edited, started, stopped or reloaded by this script. As root,
# `postfix -c` needs no alternate_config_directories entry in /etc/postfix/main.cf, so that file is not touched either.
#
# Test domains (all delivered into Maildirs under $ROOT/mail/ by the `virtual` agent as user vmail):
#   @patients.test          catch-all   -> patients.test/         every patient address lands here
#   @bounces.example.com    catch-all   -> bounces.example.com/   VERP senders bounces+<letter-id>.<tag>@… get DSNs here
#   @replies.example.com    catch-all   -> replies.example.com/   patients' replies to svar+<letter-id>.<tag>@… (ack import)
#   kendt@strict.patients.test only     -> strict.patients.test/  any other address: 550 5.1.1 at RCPT
#   @mail.notices.test      catch-all   -> postmaster/            Postfix's own notices (postmaster, root, …)
#   offline.patients.test   relayed to smtp:[127.0.0.1]:9 (a closed port): accepted at RCPT, bounced a moment later
# Greylisting (check_recipient_access, answered at RCPT every time, so such a letter can never get through):
#   greylist@patients.test     451 4.7.1     greylist450@patients.test  450 4.2.0
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

ROOT=/var/lib/notices-test-postfix
CONF=$ROOT/etc
QUEUE=$ROOT/queue
DATA=$ROOT/data
MAIL_ROOT=$ROOT/mail
MAILLOG=$ROOT/postfix.log
PORT=2525
say() { echo "postfix-test-setup: $*"; }

if [ ! -x /usr/sbin/postfix ]; then
  say "installing the postfix package from Debian (its own /etc/postfix is left unconfigured: 'No configuration')"
  $SUDO apt-get update -qq
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi

# The virtual agent refuses to deliver as root, so the Maildirs belong to a dedicated system user.
if ! getent passwd vmail >/dev/null; then
  $SUDO useradd --system --user-group --home-dir "$MAIL_ROOT" --no-create-home --shell /usr/sbin/nologin vmail
fi
VMAIL_UID=$(id -u vmail)
VMAIL_GID=$(id -g vmail)

# Postfix creates the queue's subdirectories itself (post-install create-missing, run by `postfix start`); the
# top-level directories must exist with the owners it expects.
for dir in "$ROOT" "$CONF" "$QUEUE"; do
  [ -d "$dir" ] || $SUDO install -d -o root -g root -m 0755 "$dir"
done
[ -d "$DATA" ] || $SUDO install -d -o postfix -g postfix -m 0700 "$DATA"
# Every Maildir level belongs to vmail (install -d would give missing parents to root).
for box in patients.test bounces.example.com replies.example.com strict.patients.test postmaster; do
  for dir in "$MAIL_ROOT" "$MAIL_ROOT/$box" "$MAIL_ROOT/$box/new" "$MAIL_ROOT/$box/cur" "$MAIL_ROOT/$box/tmp"; do
    [ -d "$dir" ] || $SUDO install -d -o vmail -g vmail -m 0755 "$dir"
  done
done

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT

cat >"$staging/main.cf" <<EOF
# Written by scripts/postfix-test-setup.sh: a private, loopback-only test MTA for the Notices test suite. Do not edit.
# Run with: postfix -c $CONF start|stop|status. Independent of the machine's own Postfix in /etc/postfix.
compatibility_level = 3.6
queue_directory = $QUEUE
data_directory = $DATA
syslog_name = postfix-notices-test
myhostname = mail.notices.test
mydomain = notices.test
myorigin = \$myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mynetworks_style = host
biff = no
append_dot_mydomain = no
alias_maps =
alias_database =
maillog_file = $MAILLOG
smtpd_banner = \$myhostname ESMTP notices-test

# No DNS on this machine: next hops are numeric ([127.0.0.1]:9) or local.
smtp_dns_support_level = disabled
smtp_host_lookup = native

# Virtual Maildirs. virtual_mailbox_limit must be >= message_size_limit or the agent will not start.
virtual_mailbox_domains = patients.test, bounces.example.com, replies.example.com, strict.patients.test, \$myhostname
virtual_mailbox_base = $MAIL_ROOT
virtual_mailbox_maps = hash:$CONF/notices-vmailbox
virtual_uid_maps = static:$VMAIL_UID
virtual_gid_maps = static:$VMAIL_GID
virtual_minimum_uid = 100
message_size_limit = 52428800
virtual_mailbox_limit = 1073741824

# offline.patients.test: accepted, then the closed port refuses it and the sender gets a bounce at once.
relay_domains = offline.patients.test
transport_maps = hash:$CONF/notices-transport
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
# The greylist map comes first so that permit_mynetworks (every test client) cannot skip it.
smtpd_recipient_restrictions = check_recipient_access texthash:$CONF/notices-greylist, permit_mynetworks, reject_unauth_destination

# Give up after the first failed attempt (0 = try once) so bounces come within seconds, not days;
# short retry timers so nothing sits in the deferred queue for minutes.
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
queue_run_delay = 5s
minimal_backoff_time = 5s
maximal_backoff_time = 10s
smtp_connect_timeout = 5s

# Throughput: many parallel loopback connections, no throttling of the test client.
default_process_limit = 200
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
smtpd_client_recipient_rate_limit = 0
smtpd_client_event_limit_exceptions = 127.0.0.0/8
in_flow_delay = 0
virtual_destination_concurrency_limit = 50
virtual_destination_recipient_limit = 1
EOF

# Only 127.0.0.1:$PORT listens. All services unchrooted: there is no init script here to copy resolv.conf etc.
# into a chroot.
cat >"$staging/master.cf" <<EOF
# Written by scripts/postfix-test-setup.sh. Do not edit.
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$PORT inet n   -       n       -       -       smtpd
EOF
cat >>"$staging/master.cf" <<'EOF'
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF

cat >"$staging/notices-vmailbox" <<'EOF'
# Virtual mailboxes (relative to virtual_mailbox_base; a trailing slash means Maildir).
@patients.test              patients.test/
@bounces.example.com        bounces.example.com/
@replies.example.com        replies.example.com/
kendt@strict.patients.test  strict.patients.test/
@mail.notices.test          postmaster/
EOF

cat >"$staging/notices-transport" <<'EOF'
# Port 9 (discard) is closed on this machine: connection refused, so the message bounces.
offline.patients.test  smtp:[127.0.0.1]:9
EOF

cat >"$staging/notices-greylist" <<'EOF'
# A greylister that never lets these addresses through: a temporary refusal of one RCPT, every time.
greylist@patients.test     451 4.7.1 Greylisted, try again later
greylist450@patients.test  450 4.2.0 Greylisted, try again later
EOF

changed=0
for f in main.cf master.cf notices-vmailbox notices-transport notices-greylist; do
  if ! cmp -s "$staging/$f" "$CONF/$f"; then
    $SUDO install -m 0644 "$staging/$f" "$CONF/$f"
    changed=1
  fi
done
for map in notices-vmailbox notices-transport; do
  if [ ! -f "$CONF/$map.db" ] || [ "$CONF/$map" -nt "$CONF/$map.db" ]; then
    $SUDO postmap -c "$CONF" "hash:$CONF/$map"
    changed=1
  fi
done

banner() {
  # Prints the server's first line if 127.0.0.1:$PORT answers within 2 s.
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT && IFS= read -r -t 2 line <&3 && printf '%s\n' \"\$line\" && printf 'QUIT\r\n' >&3" 2>/dev/null || true
}

if $SUDO postfix -c "$CONF" status >/dev/null 2>&1; then
  if [ "$changed" -eq 0 ] && banner | grep -q '^220 mail.notices.test ESMTP notices-test'; then
    say "private Postfix already running on 127.0.0.1:$PORT (config $CONF)"
    exit 0
  fi
  action="reloaded"
  $SUDO postfix -c "$CONF" check
  $SUDO postfix -c "$CONF" reload >/dev/null 2>&1
else
  action="started"
  $SUDO postfix -c "$CONF" check
  $SUDO postfix -c "$CONF" start >/dev/null 2>&1 || { echo "postfix-test-setup: postfix -c $CONF start failed" >&2; tail -n 30 "$MAILLOG" >&2 || true; exit 1; }
fi

for _ in $(seq 1 50); do
  if banner | grep -q '^220 mail.notices.test ESMTP notices-test'; then
    say "private Postfix $action on 127.0.0.1:$PORT (config $CONF, Maildirs $MAIL_ROOT, log $MAILLOG);" \
      "/etc/postfix and the system's own Postfix were not changed"
    exit 0
  fi
  sleep 0.2
done
echo "postfix-test-setup: 127.0.0.1:$PORT gives no 220 banner after 10 s; last lines of $MAILLOG:" >&2
tail -n 30 "$MAILLOG" >&2 || true
exit 1
