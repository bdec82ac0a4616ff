#!/usr/bin/env bash
# slurm-local.sh start|stop|status — single-node Slurm + munge for local/CI tests (Debian 12).
# From shared/design/slurm-local.md (a tested recipe), unchanged but for awk instead of bc.
# Needs: apt-get install -y --no-install-recommends slurm-wlm munge   (run as root)
# Daemons run in the foreground under this script's control; their PIDs go to $D/run/*.fgpid
# so that 'stop' ends exactly those processes.
set -euo pipefail
D=${SLURM_LOCAL:-$PWD/.slurm-local}
export SLURM_CONF=$D/slurm.conf
cmd=${1:-status}

write_conf() {
  cat > "$SLURM_CONF" <<CONF
# Minimal single-node Slurm 22.05 (Debian 12 slurm-wlm) for local tests.
# All state lives under $D (env SLURM_LOCAL); daemons run as root.
ClusterName=local
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/run/munge.socket
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool/slurmd.%n
SlurmctldPidFile=$D/run/slurmctld.pid
SlurmdPidFile=$D/run/slurmd.%n.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0,bf_interval=1
MailProg=/bin/true
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
Waittime=0
MaxArraySize=100001
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$(( $(awk '/MemTotal/{print int($2/1024)}' /proc/meminfo) / 2 )) State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
}

start() {
  mkdir -p "$D"/{state,spool/slurmd.localhost,log,run}
  write_conf
  chmod 755 "$D"/run
  t0=$(date +%s.%N)
  # munge: own socket under $D/run (slurm.conf: AuthInfo=socket=...), key from the Debian package.
  /usr/sbin/munged -F --force --socket="$D/run/munge.socket" --key-file=/etc/munge/munge.key \
      --pid-file="$D/run/munged.pid" --log-file="$D/log/munged.log" --seed-file="$D/run/munged.seed" \
      >"$D/log/munged.out" 2>&1 &
  echo $! > "$D/run/munged.fgpid"
  for _ in $(seq 50); do [ -S "$D/run/munge.socket" ] && break; sleep 0.1; done
  munge -n --socket="$D/run/munge.socket" | unmunge --socket="$D/run/munge.socket" >/dev/null
  /usr/sbin/slurmctld -D -i -f "$SLURM_CONF" >"$D/log/slurmctld.out" 2>&1 &
  echo $! > "$D/run/slurmctld.fgpid"
  /usr/sbin/slurmd -D -N localhost -f "$SLURM_CONF" >"$D/log/slurmd.out" 2>&1 &
  echo $! > "$D/run/slurmd.fgpid"
  # ready when the node is idle
  for _ in $(seq 300); do
    st=$(sinfo -h -n localhost -o %T 2>/dev/null || true)
    [ "$st" = idle ] && break; sleep 0.1
  done
  echo "slurm up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s: node state '${st:-?}'"
}

stop() {
  for p in slurmd slurmctld munged; do
    f="$D/run/$p.fgpid"
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$f"
    echo "stopped $p ($pid)"
  done
}

case $cmd in
  start) start ;;
  stop) stop ;;
  status) for p in munged slurmctld slurmd; do f="$D/run/$p.fgpid"; [ -f "$f" ] && ps -o pid=,comm= -p "$(cat "$f")" || echo "$p not running"; done; sinfo || true ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
