#!/usr/bin/env bash
# The scale-out recipe on a real scheduler: starts a single-node Slurm cluster on this host (installing slurm-wlm and
# munge when missing; needs root), runs a 4-task `sbatch --array` of `sweep --shard I/4 --resume`, cancels one task
# midway and submits it again, then checks that the union of the shards equals a single-process run of the same config.
# Run from the repository root with no arguments; exit 0 when the two sweeps hold the same records.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
work=$(mktemp -d /tmp/scalinggpu-slurm.XXXXXX)
started_munge=""
started_slurm=""

log() { echo "[slurm-test $(date +%H:%M:%S)] $*"; }

cleanup() {
  if [[ -n "$started_slurm" ]]; then
    scontrol shutdown >/dev/null 2>&1 || true
    for pidfile in "$work/slurmctld.pid" "$work/slurmd.pid"; do
      [[ -f "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
  fi
  if [[ -n "$started_munge" && -f "$work/munged.pid" ]]; then kill "$(cat "$work/munged.pid")" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [[ $(id -u) -ne 0 ]]; then echo "error: the Slurm test starts daemons and installs packages; run it as root." >&2; exit 2; fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  log "installing slurm-wlm and munge"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

log "building the CLI"
dotnet build src/ScalingGpu.Cli -c Release -o "$work/cli" -v q -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build tests/slurm/SweepCompare -c Release -o "$work/compare" -v q -nologo >>"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
export SCALINGGPU="dotnet $work/cli/scalinggpu.dll"

log "starting munged"
mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
[[ -f /etc/munge/munge.key ]] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  chown munge:munge "$work"
  runuser -u munge -- /usr/sbin/munged --force --pid-file="$work/munged.pid"
  started_munge=1
  for _ in $(seq 20); do [[ -s "$work/munged.pid" ]] && break; sleep 0.2; done
fi
munge -n | unmunge >/dev/null

log "starting slurmctld and slurmd (config $work/slurm.conf)"
host=$(hostname)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
mkdir -p "$work/spool/ctld" "$work/spool/d" "$work/log"
cat >"$work/slurm.conf" <<EOF
ClusterName=scalinggpu-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/spool/ctld
SlurmdSpoolDir=$work/spool/d
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
/usr/sbin/slurmctld
started_slurm=1
/usr/sbin/slurmd
for _ in $(seq 60); do sinfo -h -o %T 2>/dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %T | grep -q idle || { log "node never became idle"; cat "$work/log/"*.log; exit 1; }

config="$repo/tests/slurm/sweep.yaml"
sharded="$work/sharded"
log "submitting a 4-task array"
cd "$work"
job=$(SHARDS=4 CONFIG="$config" OUT="$sharded" sbatch --parsable --array=0-3 --export=ALL "$repo/tests/slurm/array.sbatch")

# Cancel task 1 once it has written a part (midway through its jobs), then submit it again.
for _ in $(seq 240); do
  state=$(squeue -h -j "${job}_1" -o %T 2>/dev/null || true)
  parts=$( (find "$sharded/records" -name 'part-000001.parquet' 2>/dev/null || true) | wc -l)
  [[ "$state" == "RUNNING" && $parts -ge 1 ]] && break
  [[ -z "$state" ]] && break
  sleep 0.5
done
log "cancelling task 1 (state ${state:-done}, its parts so far: $parts)"
scancel "${job}_1"
for _ in $(seq 60); do [[ -z "$(squeue -h -j "${job}_1" 2>/dev/null)" ]] && break; sleep 0.5; done
log "resubmitting task 1"
SHARDS=4 CONFIG="$config" OUT="$sharded" sbatch --parsable --array=1 --export=ALL "$repo/tests/slurm/array.sbatch" >/dev/null
for _ in $(seq 600); do [[ -z "$(squeue -h 2>/dev/null)" ]] && break; sleep 1; done
[[ -z "$(squeue -h)" ]] || { log "jobs still queued after 10 minutes"; squeue; exit 1; }
cd "$repo"

log "single-process run of the same config"
$SCALINGGPU sweep "$config" --out "$work/single" --device cpu >"$work/single.log" 2>&1 || { cat "$work/single.log"; exit 1; }

log "comparing"
dotnet "$work/compare/SweepCompare.dll" "$sharded" "$work/single"
log "the union of the shards equals the single-process run"
