#!/bin/sh
# Validates docker-compose.yml with the compose parser (no Docker engine needed). Used by CI.
set -eu
cd "$(dirname "$0")/.."
docker-compose -f docker-compose.yml config --quiet
echo "docker-compose.yml is valid"
