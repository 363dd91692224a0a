# shellcheck shell=bash
# Rows of issue 26's long sessions (sourced by bench/run.sh after lib.sh; `--only long-sessions` runs them alone).

session_70mb=7a1b2c3d-0070-4e5f-8a9b-000000000070

# long_session_payload <repo> <transcript> <event> [session]: Claude Code's hook payload for the long session (or
# another of the same repository).
long_session_payload() {
  printf '{"session_id":"%s","transcript_path":"%s","cwd":"%s","hook_event_name":"%s","prompt":"%s"}\n' \
    "${4:-$session_70mb}" "$2" "$1" "$3" "Use strings.Contains in the parser too"
}

# The 70 MB transcript (generated once from the fixtures), cut in two at a line: what the session's earlier turns
# wrote (the last 256 KB excepted) and the turn the rows time.
prepare_long_transcript() {
  local transcripts=$work/transcripts generator=$bench/src/GenerateTranscript.java
  mkdir -p "$transcripts"
  if [ ! -f "$transcripts/70mb-turn.jsonl" ] || [ "$generator" -nt "$transcripts/70mb-turn.jsonl" ]; then
    echo "bench: generating a 70 MB transcript" >&2
    "$java_default" "$generator" 70000000 "$session_70mb" "$transcripts/70mb.jsonl" "$root"/testdata/claude-code/*.jsonl
    local cut
    cut=$(awk -v keep=$(($(wc -c < "$transcripts/70mb.jsonl") - 262144)) \
      '{ bytes += length($0) + 1 } bytes > keep { print NR; exit }' "$transcripts/70mb.jsonl")
    head -n $((cut - 1)) "$transcripts/70mb.jsonl" > "$transcripts/70mb-before.jsonl"
    tail -n +"$cut" "$transcripts/70mb.jsonl" > "$transcripts/70mb-turn.jsonl"
    rm "$transcripts/70mb.jsonl"
  fi
}

# A session whose transcript reached 70 MB: its first checkpoint (in a JVM of its own capped at 256 MB of heap, the
# memory row) stored the transcript so far; then a turn adds 256 KB of transcript and three files. Timed through the
# hook server, each run from the same saved state: the stop that records the turn's step, and the post-commit that
# writes the turn's checkpoint (the transcript's first 50 MiB chunk as the first checkpoint stored it, the rest new).
# Floors: bench/floor-stop.sh, and bench/floor-long-checkpoint.sh (what is new written with plumbing), in a copy.
bench_long_sessions() {
  if ! hook_server_available; then
    echo "bench: no hook client; the long-session rows are left out" >&2
    return
  fi
  echo "bench: long session, 70 MB transcript ($heavy_runs runs, interleaved with the floor)" >&2
  prepare_long_transcript
  local dir=$work/long i
  rm -rf "$dir"
  mkdir -p "$dir/blobs"
  new_repo "$dir/ours"
  local ours=$repo floor=$dir/floor
  (cd "$ours" && ENTIRE_JAVA=$java_default ENTIRE_HOOK_COMMAND=$entire "$entire" enable --agent claude-code \
    >/dev/null && git add .entire .claude && git commit -qm "Enable Entire")
  local transcript=$CLAUDE_CONFIG_DIR/projects/${ours//[^A-Za-z0-9]/-}/$session_70mb.jsonl
  mkdir -p "${transcript%/*}"
  : > "$transcript"
  long_session_payload "$ours" "$transcript" UserPromptSubmit > "$dir/prompt.json"
  long_session_payload "$ours" "$transcript" Stop > "$dir/stop.json"
  start_hook_server "$java_default"
  local hooks
  hooks=$(git -C "$ours" rev-parse --git-path hooks)
  [[ $hooks = /* ]] || hooks=$ours/$hooks
  cd "$ours"

  # The earlier turns, and their checkpoint: its post-commit is the memory row.
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code user-prompt-submit < "$dir/prompt.json"
  cp "$work/transcripts/70mb-before.jsonl" "$transcript"
  mkdir -p src && seq 1 300 | sed 's|^|// parser line |' > src/parser.go
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code stop < "$dir/stop.json"
  mv "$hooks/post-commit" "$dir/post-commit"
  git add src/parser.go && ENTIRE_JAVA=$java_default CLAUDECODE=1 git commit -qm "Add the parser"
  mv "$dir/post-commit" "$hooks/post-commit"
  local start=$EPOCHREALTIME kb status=0
  kb=$(ENTIRE_JAVA=$java_default ENTIRE_JAVA_OPTS=-Xmx256m peak_rss_kb "$entire" hooks git post-commit) || status=$?
  local first_ms=$(((${EPOCHREALTIME/./} - ${start/./}) / 1000)) first
  first=$(head_checkpoint "$ours")
  if [ "$status" -ne 0 ] || ! git cat-file -e "entire/checkpoints/v1:${first:0:2}/${first:2}/0/full.jsonl.001"; then
    cat "$work/last.err" >&2
    row "post-commit, 70 MB transcript, first checkpoint, -Xmx256m ($label_default)" "-" "failed" "-" \
      "succeeds with -Xmx256m" false
    return
  fi
  row "post-commit, 70 MB transcript, first checkpoint, -Xmx256m ($label_default)" "-" \
    "ok in $first_ms ms, peak RSS $((kb / 1024)) MB" "-" "succeeds with -Xmx256m" true

  # The turn under way: its prompt, 256 KB more transcript, three new files.
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code user-prompt-submit < "$dir/prompt.json"
  cat "$work/transcripts/70mb-turn.jsonl" >> "$transcript"
  local files=(src/contains.go src/contains_test.go docs/contains.md) file
  for file in "${files[@]}"; do
    mkdir -p "${file%/*}"
    seq 1 300 | sed "s|^|// $file line |" > "$file"
  done
  local state=$ours/.git/entire-sessions/$session_70mb.json
  local turn_start=$ours/.git/entire-sessions/$session_70mb.turn-start.index
  local prefix=$ours/.git/entire-sessions/$session_70mb.redacted-prefix
  wait_for_file "$turn_start"
  cp "$state" "$dir/before-stop.json"
  cp "$turn_start" "$dir/turn-start.index"
  cp "$prefix" "$dir/prefix.json"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code stop < "$dir/stop.json"
  local shadow
  shadow=$(git for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/)
  mkdir -p "$dir/step-folder"
  git archive "$shadow:.entire/metadata/$session_70mb" | tar -x -C "$dir/step-folder"
  cp -a "$ours" "$floor"
  cp "$floor/.git/index" "$dir/floor-turn-start.index"
  (cd "$floor" && GIT_INDEX_FILE=$dir/floor-turn-start.index git add --all)
  local stop_served=() stop_floor=()
  for ((i = -3; i < heavy_runs; i++)); do   # three warm-up rounds, not counted
    cp "$dir/before-stop.json" "$state"
    cp "$dir/turn-start.index" "$turn_start"
    git -C "$ours" update-ref -d "$shadow"
    git -C "$floor" update-ref -d "$shadow"
    cd "$ours"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed stop_served "$entire" hooks claude-code stop \
      < "$dir/stop.json"
    cd "$root"
    timed stop_floor "$bench/floor-stop.sh" "$floor" "$shadow" "$session_70mb" "$dir/step-folder" \
      "$dir/floor-turn-start.index" "${files[@]}"
    if [ "$i" -lt 0 ]; then
      stop_served=() stop_floor=()
    fi
  done
  long_session_row "stop, 70 MB transcript (served)" "$(median_ms "${stop_floor[@]}")" \
    "$(median_ms "${stop_served[@]}")"

  # The agent commits the turn's files (post-commit set aside); each timed post-commit starts from that state, the
  # checkpoint branch at the first checkpoint, and the session's redacted prefix as that checkpoint left it.
  cd "$ours"
  mv "$hooks/post-commit" "$dir/post-commit"
  git add "${files[@]}" && ENTIRE_JAVA=$java_default CLAUDECODE=1 git commit -qm "Use strings.Contains"
  mv "$dir/post-commit" "$hooks/post-commit"
  cp "$state" "$dir/before-commit.json"
  local shadow_tip branch_tip id
  shadow_tip=$(git rev-parse "$shadow")
  branch_tip=$(git rev-parse entire/checkpoints/v1)
  id=$(head_checkpoint "$ours")
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks git post-commit
  check_long_checkpoint "$ours" "$id" "$shadow"
  save_checkpoint_blobs "$ours" "$id" "$dir/blobs"
  git show "entire/checkpoints/v1:${id:0:2}/${id:2}/0/full.jsonl.001" > "$dir/blobs/full.jsonl.001"
  local first_chunk
  first_chunk=$(git rev-parse "entire/checkpoints/v1:${id:0:2}/${id:2}/0/full.jsonl")
  rm -rf "$floor"
  cp -a "$ours" "$floor"
  local condense_served=() condense_floor=()
  for ((i = -3; i < heavy_runs; i++)); do
    cp "$dir/before-commit.json" "$state"
    cp "$dir/prefix.json" "$prefix"
    git -C "$ours" update-ref refs/heads/entire/checkpoints/v1 "$branch_tip"
    git -C "$ours" update-ref "$shadow" "$shadow_tip"
    git -C "$floor" update-ref refs/heads/entire/checkpoints/v1 "$branch_tip"
    git -C "$floor" update-ref "$shadow" "$shadow_tip"
    cd "$ours"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed condense_served "$entire" hooks git post-commit
    check_long_checkpoint "$ours" "$id" "$shadow"
    cd "$root"
    timed condense_floor "$bench/floor-long-checkpoint.sh" "$floor" "$dir/blobs" "$id" "$session_70mb" \
      "$first_chunk" "$shadow"
    if [ "$i" -lt 0 ]; then
      condense_served=() condense_floor=()
    fi
  done
  long_session_row "post-commit, 70 MB transcript (served)" "$(median_ms "${condense_floor[@]}")" \
    "$(median_ms "${condense_served[@]}")"

  # The next turn commits mid-turn, as an agent does through its shell: prepare-commit-msg links the staged file to
  # the session, whose files under way are what its transcript says the turn wrote since it began (the turn's last
  # 256 KB again), not what 70 MB of earlier turns did.
  cd "$ours"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code user-prompt-submit < "$dir/prompt.json"
  wait_for_file "$turn_start"
  cat "$work/transcripts/70mb-turn.jsonl" >> "$transcript"
  echo "// the next turn" >> src/contains.go
  git add src/contains.go
  local link=() floor_link=() message=$dir/COMMIT_EDITMSG
  for ((i = -3; i < hook_runs; i++)); do
    timed floor_link git rev-parse HEAD
    printf 'Use strings.Contains\n' > "$message"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed link "$entire" hooks git prepare-commit-msg "$message" \
      message
    if [ "$i" -lt 0 ]; then
      link=() floor_link=()
    fi
  done
  if ! grep -q '^Entire-Checkpoint: ' "$message"; then
    echo "bench: prepare-commit-msg did not link the 70 MB session's commit; see $ours/.entire/logs" >&2
    exit 1
  fi
  local floor_ms ours_ms
  floor_ms=$(median_ms "${floor_link[@]}") ours_ms=$(median_ms "${link[@]}")
  row "prepare-commit-msg during a turn of the 70 MB session (served)" "$floor_ms ms" "$ours_ms ms" \
    "$(ratio "$ours_ms" "$floor_ms")" "p50 <= 5 ms" "$(at_most "$ours_ms" 5 && echo true || echo false)"
  time_stop_beside_long_session "$dir" "$ours" "$state" "${transcript%/*}"
  cd "$root"
  rm -rf "$dir"
}

# time_stop_beside_long_session <dir> <repo> <long session's state> <transcripts folder>: while the long session's
# turn goes on, another session's turn changes a file through its shell, which its transcript does not name. Its stop
# asks the other live sessions which files are theirs (what their steps recorded, what their turn under way wrote),
# and must not read the 70 MB transcript to learn it. Floor: the same stop with the long session's state set aside.
time_stop_beside_long_session() {
  local dir=$1 ours=$2 long_state=$3 i run
  local beside=7a1b2c3d-0071-4e5f-8a9b-000000000071
  local transcript=$4/$beside.jsonl
  local state=$ours/.git/entire-sessions/$beside.json turn_start=$ours/.git/entire-sessions/$beside.turn-start.index
  long_session_payload "$ours" "$transcript" UserPromptSubmit "$beside" > "$dir/beside-prompt.json"
  long_session_payload "$ours" "$transcript" Stop "$beside" > "$dir/beside-stop.json"
  cd "$ours"
  : > "$transcript"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code user-prompt-submit \
    < "$dir/beside-prompt.json"
  wait_for_file "$turn_start"
  printf '{"type":"user","sessionId":"%s","uuid":"b1","message":{"role":"user","content":"Format the parser"}}\n' \
    "$beside" >> "$transcript"
  printf '{"type":"assistant","sessionId":"%s","uuid":"b2","message":{"role":"assistant","content":[%s]}}\n' "$beside" \
    '{"type":"tool_use","id":"toolu_b1","name":"Bash","input":{"command":"gofmt -w src/parser.go"}}' >> "$transcript"
  echo "// formatted" >> src/parser.go
  cp "$state" "$dir/beside-state.json"
  cp "$turn_start" "$dir/beside-turn-start.index"
  local beside_stop=() alone_stop=() shadow
  for ((i = -3; i < heavy_runs; i++)); do   # three warm-up rounds, not counted
    for run in beside alone; do
      cp "$dir/beside-state.json" "$state"
      cp "$dir/beside-turn-start.index" "$turn_start"
      shadow=$(git for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/ || true)
      [ -z "$shadow" ] || git update-ref -d "$shadow"
      if [ "$run" = alone ]; then
        mv "$long_state" "$dir/long-state.json"
      fi
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "${run}_stop" "$entire" hooks claude-code stop \
        < "$dir/beside-stop.json"
      if [ "$run" = alone ]; then
        mv "$dir/long-state.json" "$long_state"
      fi
    done
    if [ "$i" -lt 0 ]; then
      beside_stop=() alone_stop=()
    fi
  done
  shadow=$(git for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/ || true)
  if [ -z "$shadow" ] || ! git diff --name-only HEAD "$shadow" -- src | grep -qx src/parser.go; then
    echo "bench: the stop beside the 70 MB session did not record the file its shell changed" >&2
    exit 1
  fi
  floor_row "stop of another session's turn, a file changed through its shell, 70 MB session's turn under way, floor: no other session (served)" \
    "$(median_ms "${alone_stop[@]}")" "$(median_ms "${beside_stop[@]}")" 1.5
}

# check_long_checkpoint <repo> <checkpoint id> <shadow ref>: the checkpoint holds the whole 70 MB transcript, in two
# chunks, and the shadow branch is gone (a served post-commit deletes it after its reply).
check_long_checkpoint() {
  local folder="entire/checkpoints/v1:${2:0:2}/${2:2}/0"
  local size
  size=$(($(git -C "$1" cat-file -s "$folder/full.jsonl") + $(git -C "$1" cat-file -s "$folder/full.jsonl.001") + 1))
  if [ "$size" -lt 69000000 ]; then
    echo "bench: post-commit did not write checkpoint $2 with the 70 MB transcript ($size bytes)" >&2
    exit 1
  fi
  wait_for_ref_gone "$1" "$3"
}

# long_session_row <operation> <floor ms> <ours ms>: at most 500 ms and at most 3x the floor.
long_session_row() {
  local limit passed=false
  limit=$(awk -v f="$2" 'BEGIN { printf "%.1f", 3 * f }')
  if at_most "$3" "$limit" && at_most "$3" 500; then
    passed=true
  fi
  row "$1" "$2 ms" "$3 ms" "$(ratio "$3" "$2")" "<= 500 ms, <= 3x floor" "$passed"
}
