#!/bin/bash
# Starts mongod as a one-node replica set with access control. A replica set with users needs a key file for its
# members to authenticate each other; one is generated on first start and kept in the data volume.
set -euo pipefail
KEY_FILE=/data/db/replica-set.key
if [ ! -s "$KEY_FILE" ]; then
  openssl rand -base64 756 > "$KEY_FILE"
fi
chmod 0400 "$KEY_FILE"
chown 999:999 "$KEY_FILE"
# The official entrypoint creates the root user and runs /docker-entrypoint-initdb.d/* on first start (on a
# temporary server without --replSet/--keyFile), then execs mongod with these arguments.
exec docker-entrypoint.sh mongod --replSet rs0 --bind_ip_all --keyFile "$KEY_FILE"
