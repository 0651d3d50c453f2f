# Shared by scripts/demo and scripts/bench: start the simulated node in the background on free
# ports and stop it (and its nginx and ffmpeg children) on exit. Source it, then call start_sim.
# Sets SIM_HTTP, SIM_RTMP, SIM_CONTROL.

sim_dir=""
sim_pid=""

stop_sim() {
  if [ -n "$sim_pid" ] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -TERM "$sim_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$sim_pid" 2>/dev/null || true
  fi
  [ -n "$sim_dir" ] && rm -rf "$sim_dir"
}

start_sim() {
  sim_dir=$(mktemp -d /tmp/pexsim.XXXXXX)
  "$(dirname "${BASH_SOURCE[0]}")/sim" --http-port 0 --rtmp-port 0 --ready-file "$sim_dir/ready.json" \
    --workdir "$sim_dir/work" "$@" >"$sim_dir/sim.log" 2>&1 &
  sim_pid=$!
  trap stop_sim EXIT
  for _ in $(seq 1 600); do
    [ -s "$sim_dir/ready.json" ] && break
    if ! kill -0 "$sim_pid" 2>/dev/null; then
      echo "the simulated node failed to start:" >&2
      cat "$sim_dir/sim.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  [ -s "$sim_dir/ready.json" ] || { echo "the simulated node did not start in 60 s" >&2; exit 1; }
  SIM_HTTP=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$sim_dir/ready.json")
  SIM_RTMP=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rtmp"])' "$sim_dir/ready.json")
  SIM_CONTROL=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["control"])' "$sim_dir/ready.json")
  export SIM_HTTP SIM_RTMP SIM_CONTROL
}
