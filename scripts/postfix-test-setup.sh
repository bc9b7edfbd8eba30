#!/usr/bin/env bash
# Installs and runs a private, loopback-only Postfix instance on 127.0.0.1:2525 for the test suite ("Email for real").
# Idempotent and non-interactive: safe to run many times, and quick when the instance already runs with this setup.
#
# Private means: everything lives under /var/lib/notices-test-postfix (its own main.cf/master.cf, queue, data
# directory, Maildirs and test certificates) and it is started with `postfix -c <dir> start`. The machine's own
# Postfix (/etc/postfix, /var/spool/postfix, port 25) is never edited, started, stopped or reloaded by this script. As
# root, `postfix -c` needs no alternate_config_directories entry in /etc/postfix/main.cf, so that file is not touched.
#
# Outside its folder it adds only:
#   /var/log/postfix-notices.log   the instance's log (maillog_file, written by its own postlogd; Postfix >= 3.4).
#                                  Tests look up queue ids ("cleanup[..]: <id>: message-id=<..>") and TLS lines in it.
#                                  $ROOT/postfix.log (the log before issue 12) becomes a symlink to it.
#   the Debian packages postfix and ssl-cert when missing, the system user vmail, and Debian's default snakeoil
#   certificate (/etc/ssl/certs/ssl-cert-snakeoil.pem, /etc/ssl/private/ssl-cert-snakeoil.key) when missing.
#
# Ports (all on 127.0.0.1 only; the same domains and maps on each):
#   2525  plain SMTP, no STARTTLS offered (the loopback case)
#   2526  STARTTLS (smtpd_tls_security_level = may) with a server certificate for IP 127.0.0.1 and DNS localhost,
#         issued by a private test CA made here with openssl: $ROOT/tls/ca.pem is the file for `--smtp-ca`.
#         The CA is trusted nowhere else, so a client that validates normally refuses this port without it.
#   2527  STARTTLS with Debian's self-signed snakeoil certificate (subject = the machine's hostname or localhost, no
#         IP SAN): refused by a validating client with or without the test CA.
#   Both TLS ports log the handshake (smtpd_tls_loglevel = 1: "TLS connection established from ...") and write the
#   protocol and cipher into the Received: header (smtpd_tls_received_header = yes). No SASL/AUTH anywhere.
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
TLS=$ROOT/tls
MAILLOG=/var/log/postfix-notices.log
PORT=2525
TLS_PORT=2526
SELF_SIGNED_PORT=2527
SNAKEOIL_CERT=/etc/ssl/certs/ssl-cert-snakeoil.pem
SNAKEOIL_KEY=/etc/ssl/private/ssl-cert-snakeoil.key
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

# Port 2527's self-signed certificate: Debian's snakeoil pair from the ssl-cert package.
if [ ! -f "$SNAKEOIL_CERT" ] || [ ! -f "$SNAKEOIL_KEY" ]; then
  if ! command -v make-ssl-cert >/dev/null 2>&1; then
    say "installing the ssl-cert package from Debian (the snakeoil certificate for port $SELF_SIGNED_PORT)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends ssl-cert >/dev/null
  fi
  [ -f "$SNAKEOIL_CERT" ] && [ -f "$SNAKEOIL_KEY" ] || $SUDO make-ssl-cert generate-default-snakeoil
fi

# Port 2526's certificate chain: a private test CA and a server certificate for 127.0.0.1 and localhost, made once
# and kept (ten years); made again only when a file is missing, the chain does not verify or expiry is < 30 days away.
# The keys are root's only (smtpd reads them before it drops privileges); ca.pem is public.
certs_changed=0
if ! { [ -f "$TLS/ca.pem" ] && [ -f "$TLS/server.pem" ] && [ -f "$TLS/server.key" ] \
       && openssl verify -CAfile "$TLS/ca.pem" "$TLS/server.pem" >/dev/null 2>&1 \
       && openssl x509 -checkend 2592000 -noout -in "$TLS/server.pem" >/dev/null 2>&1; }; then
  say "making a private test CA and a server certificate for 127.0.0.1/localhost in $TLS"
  mkdir "$staging/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=Notices test CA (not trusted anywhere)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$staging/tls/ca.key" -out "$staging/tls/ca.pem" 2>/dev/null
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "/CN=127.0.0.1" \
    -keyout "$staging/tls/server.key" -out "$staging/tls/server.csr" 2>/dev/null
  printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$staging/tls/server.ext"
  openssl x509 -req -sha256 -days 3650 -set_serial "0x$(openssl rand -hex 16)" -in "$staging/tls/server.csr" \
    -CA "$staging/tls/ca.pem" -CAkey "$staging/tls/ca.key" -extfile "$staging/tls/server.ext" \
    -out "$staging/tls/server.pem" 2>/dev/null
  [ -d "$TLS" ] || $SUDO install -d -o root -g root -m 0755 "$TLS"
  $SUDO install -m 0600 "$staging/tls/ca.key" "$staging/tls/server.key" "$TLS/"
  $SUDO install -m 0644 "$staging/tls/ca.pem" "$staging/tls/server.pem" "$TLS/"
  certs_changed=1
fi

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

# Only 127.0.0.1:$PORT, :$TLS_PORT and :$SELF_SIGNED_PORT listen. All services unchrooted: there is no init script here to copy resolv.conf etc.
# into a chroot.
cat >"$staging/master.cf" <<EOF
# Written by scripts/postfix-test-setup.sh. Do not edit.
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$PORT inet n   -       n       -       -       smtpd
127.0.0.1:$TLS_PORT inet n   -       n       -       -       smtpd
  -o smtpd_tls_security_level=may
  -o smtpd_tls_cert_file=$TLS/server.pem
  -o smtpd_tls_key_file=$TLS/server.key
  -o smtpd_tls_loglevel=1
  -o smtpd_tls_received_header=yes
127.0.0.1:$SELF_SIGNED_PORT inet n   -       n       -       -       smtpd
  -o smtpd_tls_security_level=may
  -o smtpd_tls_cert_file=$SNAKEOIL_CERT
  -o smtpd_tls_key_file=$SNAKEOIL_KEY
  -o smtpd_tls_loglevel=1
  -o smtpd_tls_received_header=yes
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
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
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

changed=$certs_changed
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

# postlogd would create the log 0600; the tests read it without root (it holds only test addresses).
if [ ! -f "$MAILLOG" ] || [ "$(stat -c %a "$MAILLOG")" != 644 ]; then
  $SUDO touch "$MAILLOG"
  $SUDO chmod 0644 "$MAILLOG"
fi
# The log before issue 12 lived in $ROOT/postfix.log: keep that name working as a link to the new file.
if [ ! -L "$ROOT/postfix.log" ]; then
  $SUDO rm -f "$ROOT/postfix.log"
  $SUDO ln -s "$MAILLOG" "$ROOT/postfix.log"
fi

banner() {
  # Prints the server's first line if 127.0.0.1:$1 answers within 2 s.
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && IFS= read -r -t 2 line <&3 && printf '%s\n' \"\$line\" && printf 'QUIT\r\n' >&3" 2>/dev/null || true
}
all_answer() {
  for p in "$PORT" "$TLS_PORT" "$SELF_SIGNED_PORT"; do
    banner "$p" | grep -q '^220 mail.notices.test ESMTP notices-test' || return 1
  done
}
ports="127.0.0.1:$PORT (plain), :$TLS_PORT (STARTTLS, test CA $TLS/ca.pem), :$SELF_SIGNED_PORT (STARTTLS, snakeoil)"

if $SUDO postfix -c "$CONF" status >/dev/null 2>&1; then
  if [ "$changed" -eq 0 ] && all_answer; then
    say "private Postfix already running on $ports (config $CONF)"
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
  if all_answer; then
    say "private Postfix $action on $ports (config $CONF, Maildirs $MAIL_ROOT, log $MAILLOG);" \
      "/etc/postfix and the system's own Postfix were not changed"
    exit 0
  fi
  sleep 0.2
done
echo "postfix-test-setup: not all of $ports give a 220 banner after 10 s; last lines of $MAILLOG:" >&2
tail -n 30 "$MAILLOG" >&2 || true
exit 1
