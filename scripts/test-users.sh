#!/usr/bin/env bash
# The system users the Pigsty-shaped test bed needs, created only when missing (needs root; CI runs as root):
# - etcd: the user etcd runs as on a Pigsty node (Debian's etcd-server package creates it too);
# - etcd-sop-dba: an admin who logs in over SSH and becomes root with passwordless sudo, like Pigsty's dba.
# Not part of install-deps.sh: a user with passwordless sudo belongs on a test machine, not on every machine.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
if ! id etcd >/dev/null 2>&1; then
  $sudo useradd --system --home-dir /var/lib/etcd --shell /usr/sbin/nologin etcd
fi
if ! id etcd-sop-dba >/dev/null 2>&1; then
  $sudo useradd --create-home --shell /bin/bash etcd-sop-dba
fi
# '*' rather than the locked '!': sshd without PAM refuses a locked account even for key logins.
$sudo usermod -p '*' etcd-sop-dba
echo 'etcd-sop-dba ALL=(ALL) NOPASSWD: ALL' | $sudo tee /etc/sudoers.d/etcd-sop-dba >/dev/null
$sudo chmod 0440 /etc/sudoers.d/etcd-sop-dba
