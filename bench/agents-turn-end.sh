# shellcheck shell=bash
# The turn-end rows of codex, gemini, copilot-cli and opencode (issue 20): sourced by bench/run.sh after lib.sh, whose
# agent_repo, agent_sessions and floor-stop.sh they share with the light-hook and Claude Code stop rows.

declare -A agent_end_verbs=([codex]=stop [gemini]=after-agent [copilot-cli]=agent-stop [opencode]=turn-end)
# The recorded transcript each 1 MB one repeats, and how (bench/src/GenerateAgentTranscript.java).
declare -A agent_recorded=([codex]="lines codex/rollout-2026-12-04T21-22-05-01a242ef-8f49-7880-9740-3cf34e06dc87.jsonl"
  [gemini]="lines gemini/chats/session-2026-12-04T21-21-179019dc.after-turn-1.jsonl"
  [copilot-cli]="lines copilot/session-state/0b4607ed-dadd-4953-90df-369a1da59dbd/events.jsonl"
  [opencode]="opencode opencode/session-after-turn-1.json")

# Each agent's turn end through the hook server, as Claude Code's stop row measures it: the turn started with the
# session's transcript at its first line (OpenCode: the session as the plugin wrote it at turn start), then the agent
# wrote three new files and its transcript grew to 1 MB, so the hook reads the whole 1 MB as the turn's part and
# records a step (a snapshot on the shadow branch). Each run starts from the same saved state; the floor is
# floor-stop.sh, the snapshot's git work with plumbing in a copy of the repository.
bench_agents_turn_end() {
  if ! hook_server_available; then
    echo "bench: no hook client; the agents' turn-end rows are left out" >&2
    return
  fi
  echo "bench: turn end of codex, gemini, copilot-cli and opencode, 1 MB transcripts ($heavy_runs runs," \
    "hook server on)" >&2
  start_hook_server "$java_default"
  local agent
  for agent in codex gemini copilot-cli opencode; do
    bench_agent_turn_end "$agent"
  done
  cd "$root"
}

# bench_agent_turn_end <agent>: the setup above, then the end hook timed against its floor, interleaved.
bench_agent_turn_end() {
  local agent=$1 dir=$work/agents/$1 session=${agent_sessions[$1]} verb=${agent_end_verbs[$1]} i verbs
  agent_repo "$agent"
  local ours=$repo floor=$dir/floor transcript
  transcript=$(sed -n 's/.*"transcript_\{0,1\}[pP]ath":"\([^"]*\)".*/\1/p' "$dir/end.json")
  if [ -z "$transcript" ]; then
    echo "bench: $dir/end.json names no transcript" >&2
    exit 1
  fi
  local big
  big=$(agent_transcript_1mb "$agent")
  if [ "$agent" != opencode ]; then
    head -n 1 "$big" > "$transcript"
  fi
  cd "$ours"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks "$agent" session-start < "$dir/start.json" >/dev/null
  read -r -a verbs <<< "${agent_verbs[$agent]}"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks "$agent" "${verbs[1]}" < "$dir/turn.json" \
    >/dev/null
  local state=$ours/.git/entire-sessions/$session.json turn_start=$ours/.git/entire-sessions/$session.turn-start.index
  if [ ! -s "$state" ]; then
    echo "bench: $agent ${verbs[1]} started no turn ($state); see $ours/.entire/logs" >&2
    exit 1
  fi
  wait_for_file "$turn_start"
  cp "$big" "$transcript"
  local files=(src/contains.go src/contains_test.go docs/contains.md) file
  for file in "${files[@]}"; do
    mkdir -p "$ours/${file%/*}"
    seq 1 300 | sed "s|^|// $file line |" > "$ours/$file"
  done
  cp "$state" "$dir/before-end.json"
  cp "$turn_start" "$dir/turn-start.index"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks "$agent" "$verb" < "$dir/end.json" >/dev/null
  local shadow
  shadow=$(git -C "$ours" for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/ || true)
  if [ -z "$shadow" ]; then
    echo "bench: $agent $verb recorded no step; see $ours/.entire/logs" >&2
    exit 1
  fi
  git -C "$ours" show "$shadow:.entire/metadata/$session/metadata.json" > "$dir/snapshot-metadata.json"
  rm -rf "$dir/step-folder" && mkdir -p "$dir/step-folder"
  git -C "$ours" archive "$shadow:.entire/metadata/$session" | tar -x -C "$dir/step-folder"
  # The row is about a 1 MB transcript: the step must have counted its entries (about 800 to 1,800 lines or
  # messages; the recorded transcripts hold fewer than 100), or it measures nothing of it.
  local entries
  entries=$(sed -n 's/.*"transcript_lines": *\([0-9]*\).*/\1/p' "$dir/snapshot-metadata.json")
  if [ "${entries:-0}" -lt 500 ]; then
    echo "bench: $agent $verb counted ${entries:-no} transcript entries, not those of the 1 MB transcript" >&2
    exit 1
  fi
  rm -rf "$floor"
  cp -a "$ours" "$floor"
  cp "$floor/.git/index" "$dir/floor-turn-start.index"
  (cd "$floor" && GIT_INDEX_FILE=$dir/floor-turn-start.index git add --all)

  local ours_samples=() floor_samples=()
  for ((i = -3; i < heavy_runs; i++)); do   # three warm-up rounds, not counted
    cp "$dir/before-end.json" "$state"
    cp "$dir/turn-start.index" "$turn_start"
    git -C "$ours" update-ref -d "$shadow"
    git -C "$floor" update-ref -d "$shadow"
    cd "$ours"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed ours_samples "$entire" hooks "$agent" "$verb" \
      < "$dir/end.json"
    if ! git -C "$ours" rev-parse -q --verify "$shadow" >/dev/null; then
      echo "bench: $agent $verb recorded no step in a timed run; see $ours/.entire/logs" >&2
      exit 1
    fi
    cd "$root"
    timed floor_samples "$bench/floor-stop.sh" "$floor" "$shadow" "$session" "$dir/step-folder" \
      "$dir/floor-turn-start.index" "${files[@]}"
    if [ "$i" -lt 0 ]; then
      ours_samples=() floor_samples=()
    fi
  done
  # Served heavy hooks get issue 26's 2x; one the client does not serve keeps the 3x of a JVM of its own.
  local how="hook server on ${label_default%%,*}" factor=2
  if ! served_by_client "$agent" "$verb"; then
    how="hook server on, not served: a JVM of its own (${label_default%%,*})" factor=3
  fi
  floor_row "turn end $agent $verb with a step, 1 MB transcript, 3 new files ($how)" \
    "$(median_ms "${floor_samples[@]}")" "$(median_ms "${ours_samples[@]}")" "$factor"
}

# agent_transcript_1mb <agent>: the path of the agent's 1 MB transcript in $work/transcripts, generated once.
agent_transcript_1mb() {
  local format recorded out generator=$bench/src/GenerateAgentTranscript.java
  read -r format recorded <<< "${agent_recorded[$1]}"
  out=$work/transcripts/$1-1mb.${recorded##*.}
  if [ ! -f "$out" ] || [ "$generator" -nt "$out" ]; then
    mkdir -p "$work/transcripts"
    "$java_default" "$generator" "$format" 1000000 "${agent_sessions[$1]}" "$root/testdata/agents/$recorded" "$out" \
      >&2
  fi
  echo "$out"
}
