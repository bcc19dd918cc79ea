#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback, for the cluster tests and benchmarks
# (npm run test:cluster, bench/cluster.mjs). No systemd, no containers: three mariadbd processes
# with their own datadirs under $GALERA_DIR.
#
#   scripts/galera.sh start     install galera-4 if missing, bootstrap node 1, join nodes 2 and 3
#   scripts/galera.sh stop      stop nodes 3, 2, 1 (node 1 last, so it may bootstrap the next start)
#   scripts/galera.sh status    cluster size and each node's state
#   scripts/galera.sh destroy   stop and delete the datadirs
#
# Node n listens for SQL on 127.0.0.1:$((GALERA_BASE_PORT + n)) (3411-3413 by default), user jiayi/jiayi.
# Galera's own ports: group 4571-4573, IST 4581-4583, SST 4591-4593 (+ the same offset).
set -euo pipefail

base=$(realpath -m "${GALERA_DIR:-/tmp/jiayi-galera}")
port_base=${GALERA_BASE_PORT:-3410}
offset=$((port_base - 3410))
group_addresses=$(for n in 1 2 3; do printf '127.0.0.1:%s,' $((4570 + offset + n)); done)

sock() { echo "$base/n$1/run/mysqld.sock"; }
sql() { local n=$1; shift; mariadb --no-defaults -S "$(sock "$n")" -u root "$@"; }
alive() { sql "$1" -e 'SELECT 1' >/dev/null 2>&1; }

ensure_packages() {
  if [ -f /usr/lib/galera/libgalera_smm.so ] && command -v rsync >/dev/null && command -v mariadbd >/dev/null; then return; fi
  local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq mariadb-server galera-4 rsync >/dev/null
}

configure() {
  local n=$1 d="$base/n$1"
  mkdir -p "$d/data" "$d/run"
  cat > "$d/my.cnf" <<CNF
[mariadbd]
datadir=$d/data
socket=$d/run/mysqld.sock
pid-file=$d/run/mysqld.pid
port=$((port_base + n))
bind-address=127.0.0.1
log-error=$d/error.log
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
# Galera replicates row changes by primary key: refuse tables without one.
innodb_force_primary_key=1
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
# Durability comes from the other nodes (a commit is certified on all three before it returns).
innodb_flush_log_at_trx_commit=2
max_connections=300
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=jiayi
wsrep_cluster_address=gcomm://${group_addresses%,}
wsrep_node_address=127.0.0.1:$((4570 + offset + n))
wsrep_node_name=n$n
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((4570 + offset + n));ist.recv_addr=127.0.0.1:$((4580 + offset + n));gcache.size=64M"
wsrep_sst_receive_address=127.0.0.1:$((4590 + offset + n))
wsrep_sst_method=rsync
wsrep_slave_threads=2
# Causal reads: a read waits until this node has applied what other nodes committed before it,
# so a client that writes through one instance and reads through another sees its write.
wsrep_sync_wait=1
CNF
  if [ ! -d "$d/data/mysql" ]; then
    mariadb-install-db --defaults-file="$d/my.cnf" --user=mysql --auth-root-authentication-method=socket --skip-test-db >"$d/install.log" 2>&1
  fi
  chown -R mysql:mysql "$d"
}

wait_for() {
  local n=$1 tries=${2:-120}
  for _ in $(seq "$tries"); do
    if alive "$n" && [ "$(sql "$n" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2)" = Synced ]; then return 0; fi
    sleep 0.5
  done
  echo "node $n did not reach Synced; see $base/n$n/error.log" >&2
  tail -20 "$base/n$n/error.log" >&2
  return 1
}

start() {
  ensure_packages
  mkdir -p "$base"
  chmod 755 "$base"
  for n in 1 2 3; do configure "$n"; done
  if ! alive 1; then
    # After a crash no node is marked safe to bootstrap; node 1 is the one this script bootstraps.
    [ -f "$base/n1/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$base/n1/data/grastate.dat"
    setsid mariadbd --defaults-file="$base/n1/my.cnf" --user=mysql --wsrep-new-cluster </dev/null >/dev/null 2>&1 &
    wait_for 1
    sql 1 -e "CREATE USER IF NOT EXISTS 'jiayi'@'%' IDENTIFIED BY 'jiayi'; GRANT ALL PRIVILEGES ON *.* TO 'jiayi'@'%';"
  fi
  for n in 2 3; do
    alive "$n" || { setsid mariadbd --defaults-file="$base/n$n/my.cnf" --user=mysql </dev/null >/dev/null 2>&1 & }
    wait_for "$n" 240
  done
  status
}

stop_node() {
  local n=$1 pidfile="$base/n$1/run/mysqld.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  echo "node $n did not stop" >&2
  return 1
}

stop() { for n in 3 2 1; do stop_node "$n"; done; }

status() {
  for n in 1 2 3; do
    if alive "$n"; then
      printf 'node %s 127.0.0.1:%s %s, cluster size %s\n' "$n" $((port_base + n)) \
        "$(sql "$n" -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" | cut -f2)" \
        "$(sql "$n" -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)"
    else
      printf 'node %s 127.0.0.1:%s down\n' "$n" $((port_base + n))
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  destroy) stop; rm -rf "$base" ;;
  *) echo "usage: $0 start|stop|status|destroy" >&2; exit 2 ;;
esac
