# shellcheck shell=bash
# Rows of issue 26 items 3 and 4 (sourced by bench/run.sh; `--only scale` runs them alone): a repository of 100,000
# tracked files, and ref stores of 10,000 and 100,000 checkpoints. Their inputs are generated once into bench/work/
# and kept until their generator changes.

# generate_ref_store <count>: a ref store (one ref per checkpoint, FORMATS.md 5) of that many checkpoints in
# $work/refs-<count/1000>k, packed as git gc leaves refs, with the settings that make it the store entire reads.
generate_ref_store() {
  local store=$work/refs-$(($1 / 1000))k
  if [ ! -f "$store.done" ] || [ "$bench/src/GenerateStore.java" -nt "$store.done" ]; then
    echo "bench: generating a ref store of $1 checkpoints (git fast-import)" >&2
    rm -rf "$store"
    git init -q "$store"
    "$java_default" "$bench/src/GenerateStore.java" "$1" 42 refs | git -C "$store" fast-import --quiet
    git -C "$store" pack-refs --all --prune
    git -C "$store" reset -q --hard main
    mkdir -p "$store/.entire"
    printf '{"strategy_options": {"checkpoint_store": "refs-v1"}}\n' > "$store/.entire/settings.json"
    touch "$store.done"
  fi
}

# generate_monorepo_of <count>: a repository of that many committed files in $work/monorepo-<count/1000>k.
generate_monorepo_of() {
  local dir=$work/monorepo-$(($1 / 1000))k generator=$bench/src/GenerateMonorepo.java
  if [ ! -f "$dir.done" ] || [ "$generator" -nt "$dir.done" ]; then
    echo "bench: generating a repository of $1 files (git fast-import)" >&2
    rm -rf "$dir" "$dir.done"
    git init -q "$dir"
    "$java_default" "$generator" "$1" | git -C "$dir" fast-import --quiet
    git -C "$dir" reset -q --hard main
    touch "$dir.done"
  fi
}

bench_scale() {
  generate_ref_store 10000
  generate_ref_store 100000
  generate_monorepo_of 100000
  bench_scale_list
  bench_scale_enable
  bench_scale_repo
  $quick || bench_scale_push
}

# The 100,000-file repository's rows alone (`--only big-repo`), for work on them.
bench_scale_big_repo() {
  generate_monorepo_of 100000
  bench_scale_repo
}

# checkpoint list over the ref stores of 10,000 and 100,000 checkpoints (interleaved), once without the listing
# cache (for reference: what every checkpoint's blobs cost) and then as users run it again; explain of one of 100,000.
bench_scale_list() {
  echo "bench: checkpoint list / explain over ref stores of 10,000 and 100,000 checkpoints ($list_runs runs)" >&2
  local small=$work/refs-10k large=$work/refs-100k listed id i
  local cold=() small_ms=() large_ms=() explain=()
  rm -f "$large/.git/entire-listing-cache-refs"
  cd "$large"
  ENTIRE_JAVA=$java_default timed cold "$entire" checkpoint list
  listed=$(ENTIRE_JAVA=$java_default "$entire" checkpoint list | wc -l)
  if [ "$listed" -ne 100000 ]; then
    echo "bench: checkpoint list printed $listed lines in $large, expected 100000" >&2
    exit 1
  fi
  for ((i = -1; i < list_runs; i++)); do
    cd "$small"
    ENTIRE_JAVA=$java_default timed small_ms "$entire" checkpoint list
    cd "$large"
    ENTIRE_JAVA=$java_default timed large_ms "$entire" checkpoint list
    if [ "$i" -lt 0 ]; then
      small_ms=() large_ms=()
    fi
  done
  id=$(git -C "$large" log -1 --format='%(trailers:key=Entire-Checkpoint,valueonly)' main | head -n 1)
  for ((i = -1; i < explain_runs; i++)); do
    ENTIRE_JAVA=$java_default timed explain "$entire" explain "$id"
    if [ "$i" -lt 0 ]; then
      explain=()
    fi
  done
  cd "$root"
  local small_median large_median growth ms
  small_median=$(median_ms "${small_ms[@]}")
  large_median=$(median_ms "${large_ms[@]}")
  row "checkpoint list, ref store of 100,000, first listing: no listing cache (reference, 1 run)" "-" \
    "$(median_ms "${cold[@]}") ms" "-" "-" info
  row "checkpoint list, ref store of 10,000, own JVM (reference, $label_default)" "-" "$small_median ms" "-" "-" info
  row "checkpoint list, ref store of 100,000, own JVM (reference, $label_default)" "-" "$large_median ms" "-" "-" info
  ms=$(median_ms "${explain[@]}")
  row "explain <id>, one of 100,000 checkpoints in the ref store, own JVM (reference, $label_default)" "-" \
    "$ms ms" "-" "-" info
  if ! hook_server_available; then
    echo "bench: no hook client; the served checkpoint list and explain rows are left out" >&2
    return
  fi
  bench_scale_list_served
}

# checkpoint list over 10,000 and 100,000 checkpoints and explain of one of each, as the hook server runs them; the
# budgets of issue 26 item 4.
bench_scale_list_served() {
  local small=$work/refs-10k large=$work/refs-100k small_id large_id i
  local small_ms=() large_ms=() small_explain=() large_explain=()
  small_id=$(git -C "$small" log -1 --format='%(trailers:key=Entire-Checkpoint,valueonly)' main | head -n 1)
  large_id=$(git -C "$large" log -1 --format='%(trailers:key=Entire-Checkpoint,valueonly)' main | head -n 1)
  cd "$large"
  served_like_own_jvm explain "$large_id"
  served_like_own_jvm checkpoint list   # 100,000 lines, streamed
  for ((i = -3; i < list_runs; i++)); do   # three rounds not counted: the server's first runs compile it
    cd "$small"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed small_ms "$entire" checkpoint list
    cd "$large"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed large_ms "$entire" checkpoint list
    if [ "$i" -lt 0 ]; then
      small_ms=() large_ms=()
    fi
  done
  for ((i = -3; i < explain_runs; i++)); do
    cd "$small"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed small_explain "$entire" explain "$small_id"
    cd "$large"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed large_explain "$entire" explain "$large_id"
    if [ "$i" -lt 0 ]; then
      small_explain=() large_explain=()
    fi
  done
  cd "$root"
  local small_median large_median growth ms served
  served=$(served_label)
  small_median=$(median_ms "${small_ms[@]}")
  large_median=$(median_ms "${large_ms[@]}")
  row "checkpoint list, ref store of 10,000 ($served)" "-" "$small_median ms" "-" "<= 1000 ms" \
    "$(at_most "$small_median" 1000 && echo true || echo false)"
  row "checkpoint list, ref store of 100,000 ($served)" "-" "$large_median ms" "-" "<= 2000 ms" \
    "$(at_most "$large_median" 2000 && echo true || echo false)"
  growth=$(awk -v a="$large_median" -v b="$small_median" 'BEGIN { printf "%.1f", a / b }')
  row "checkpoint list, time for 100,000 / time for 10,000 ($served)" "-" "${growth}x" "-" "<= 11x" \
    "$(at_most "$growth" 11 && echo true || echo false)"
  ms=$(median_ms "${small_explain[@]}")
  row "explain <id>, one of 10,000 checkpoints in the ref store ($served)" "-" "$ms ms" "-" "<= 100 ms" \
    "$(at_most "$ms" 100 && echo true || echo false)"
  ms=$(median_ms "${large_explain[@]}")
  row "explain <id>, one of 100,000 checkpoints in the ref store ($served)" "-" "$ms ms" "-" "<= 100 ms" \
    "$(at_most "$ms" 100 && echo true || echo false)"
}

# enable in a fresh clone of the 10,000-checkpoint repository that fetched its checkpoint refs too (git's clone and
# fetch are not timed).
bench_scale_enable() {
  echo "bench: enable in a fresh clone of 10,000 checkpoints ($list_runs runs)" >&2
  local clone=$work/enable-clone ours=() i
  for ((i = -1; i < list_runs; i++)); do
    rm -rf "$clone"
    git clone -q "$work/refs-10k" "$clone"
    git -C "$clone" fetch -q origin 'refs/entire/checkpoints/*:refs/entire/checkpoints/*'
    cd "$clone"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_COMMAND=$entire timed ours "$entire" enable --agent claude-code
    cd "$root"
    [ "$i" -lt 0 ] && ours=()
  done
  rm -rf "$clone"
  local ms
  ms=$(median_ms "${ours[@]}")
  row "enable, fresh clone of 10,000 checkpoints ($label_default)" "-" "$ms ms" "-" "<= 1000 ms" \
    "$(at_most "$ms" 1000 && echo true || echo false)"
}

# The stop that ends a turn changing two files and adding one, and the prepare-commit-msg that links the commit of
# those files, through the hook server in a repository of 100,000 tracked files, interleaved with git status there.
# Each round starts from the same saved state (the helpers are bench_large_repo's).
bench_scale_repo() {
  echo "bench: hooks in a repository of 100,000 files ($large_runs runs, interleaved with git status)" >&2
  if ! hook_server_available; then
    echo "bench: no hook client; the 100,000-file rows are left out" >&2
    return
  fi
  local dir=$work/scale-repo ours i
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -a "$work/monorepo-100k" "$dir/ours"
  ours=$(cd "$dir/ours" && pwd -P)
  git -C "$ours" update-index -q --refresh   # a copy's stat data no longer matches its files (other inodes)
  (cd "$ours" && ENTIRE_JAVA=$java_default ENTIRE_HOOK_COMMAND=$entire "$entire" enable --agent claude-code \
    >/dev/null && git add .entire .claude && git commit -qm "Enable Entire")
  local transcript=$CLAUDE_CONFIG_DIR/projects/${ours//[^A-Za-z0-9]/-}/$session_1mb.jsonl
  : > "$dir/empty.jsonl"
  place_transcript "$ours" "$session_1mb" "$dir/empty.jsonl"
  heavy_payload "$ours" "$transcript" UserPromptSubmit > "$dir/prompt.json"
  heavy_payload "$ours" "$transcript" Stop > "$dir/stop.json"
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code user-prompt-submit < "$dir/prompt.json")
  local turn_start=$ours/.git/entire-sessions/$session_1mb.turn-start.index
  local state=$ours/.git/entire-sessions/$session_1mb.json
  wait_for_file "$turn_start"
  cp "$turn_start" "$dir/turn-start.index"
  cp "$state" "$dir/before-stop.json"
  large_turn "$ours"
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code stop < "$dir/stop.json")
  local shadow
  shadow=$(git -C "$ours" for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/)
  check_snapshot "$ours" "$shadow"
  start_hook_server "$java_default"
  local stop=() prepare=() status=()
  cd "$ours"
  for ((i = -3; i < large_runs; i++)); do   # three warm-up rounds, not counted
    restore_turn "$ours" "$dir" "$state" "$turn_start" "$shadow"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed stop "$entire" hooks claude-code stop < "$dir/stop.json"
    check_snapshot "$ours" "$shadow"
    git add -- "${large_turn_files[@]}"
    printf 'Use strings.Contains\n' > "$dir/msg"
    ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed prepare "$entire" hooks git prepare-commit-msg "$dir/msg" \
      message
    if [ -z "$(git interpret-trailers --parse < "$dir/msg")" ]; then
      echo "bench: prepare-commit-msg did not link the message in $ours; see $ours/.entire/logs" >&2
      exit 1
    fi
    git reset -q -- "${large_turn_files[@]}"
    timed status git status --porcelain
    if [ "$i" -lt 0 ]; then
      stop=() prepare=() status=()
    fi
  done
  cd "$root"
  rm -rf "$dir"
  local floor_ms server="hook server on ${label_default%%,*}"
  floor_ms=$(median_ms "${status[@]}")
  floor_row "stop hook with a step, 100,000-file repo, 3 files changed, floor git status ($server)" \
    "$floor_ms" "$(median_ms "${stop[@]}")" 2
  floor_row "prepare-commit-msg, 100,000-file repo, floor git status ($server)" \
    "$floor_ms" "$(median_ms "${prepare[@]}")" 2
}

# checkpoint push of the 10,000 queued refs of the ref store to a fresh local bare remote, against git push of the
# same refspecs to another; one run each (full run only: git push of 10,000 explicit refspecs takes minutes).
bench_scale_push() {
  echo "bench: push 10,000 queued refs (1 run)" >&2
  local dir=$work/scale-push refspecs=() ours=() floor=()
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -a "$work/refs-10k" "$dir/ours"
  cp -a "$work/refs-10k" "$dir/floor"
  git init -q --bare "$dir/ours.git"
  git init -q --bare "$dir/floor.git"
  git -C "$dir/ours" for-each-ref --format='{"ref":"%(refname)"}' refs/entire/checkpoints/ \
    > "$dir/ours/.git/entire-checkpoint-push-queue.jsonl"
  mapfile -t refspecs < <(git -C "$dir/floor" for-each-ref --format='%(refname):%(refname)' refs/entire/checkpoints/)
  sync
  timed floor git -C "$dir/floor" push --quiet "$dir/floor.git" "${refspecs[@]}"
  sync
  cd "$dir/ours"
  ENTIRE_JAVA=$java_default timed ours "$entire" checkpoint push "$dir/ours.git"
  cd "$root"
  if [ "$(git -C "$dir/ours.git" for-each-ref refs/entire/checkpoints/ | wc -l)" -ne 10000 ]; then
    echo "bench: entire checkpoint push did not push the 10000 refs" >&2
    exit 1
  fi
  rm -rf "$dir"
  floor_row "checkpoint push, 10,000 queued refs to a local bare remote ($label_default)" \
    "$(median_ms "${floor[@]}")" "$(median_ms "${ours[@]}")" 1.5
}
