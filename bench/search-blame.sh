# shellcheck shell=bash
# Rows of issue 27's budgets (sourced by bench/run.sh, which sets root, bench, work, entire, quick and java_default):
# search over 10,000 checkpoints (index build against reading their transcripts, warm search absolute) and blame of a
# 1,000-line file against git's own blame of it. The index build, search and blame are budgeted as the hook server
# runs them (as users run them once a hook or command started it); their runs in a JVM of their own are kept for
# reference.

# floor_transcripts <repo>: git alone reading what an index build reads of a v1 store, every checkpoint's transcript
# and prompts, in one `git cat-file --batch`. No parsing, no index.
floor_transcripts() {
  git -C "$1" ls-tree -r entire/checkpoints/v1 \
    | awk -F'\t' '$2 ~ /\/0\/(full\.jsonl|prompt\.txt)$/ { split($1, f, " "); print f[3] }' \
    | git -C "$1" cat-file --batch >/dev/null
}

bench_search() {
  local runs=7 copy=$work/search-10k i
  ! $quick || runs=3
  echo "bench: search over 10,000 checkpoints ($runs runs, interleaved with the floor)" >&2
  generate_store 10000
  rm -rf "$copy"
  cp -a "$work/store-10k" "$copy"
  cd "$copy"
  local build=() floor=() warm=() served_build=() server=false
  if hook_server_available; then
    served_like_own_jvm search --reindex retry
    served_index_like_own_jvm
    server=true
  fi
  for ((i = -3; i < runs; i++)); do   # three rounds not counted: the server's first builds load Lucene and compile
    timed floor floor_transcripts .
    ENTIRE_JAVA=$java_default timed build "$entire" search --reindex retry
    if $server; then
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed served_build "$entire" search --reindex retry
    fi
    if [ "$i" -lt 0 ]; then
      floor=() build=() served_build=()
    fi
  done
  # The build with the heap capped: it must hold one checkpoint's texts and Lucene's buffer, not the store.
  local kb status=0
  kb=$(ENTIRE_JAVA=$java_default ENTIRE_JAVA_OPTS=-Xmx256m peak_rss_kb "$entire" search --reindex retry) || status=$?
  if [ "$status" -ne 0 ]; then
    row "search --reindex, 10,000 checkpoints, -Xmx256m ($label_default)" "-" "failed (exit $status)" "-" \
      "succeeds with -Xmx256m" false
  else
    row "search --reindex, 10,000 checkpoints, -Xmx256m ($label_default)" "-" \
      "ok, $([ "$kb" -gt 0 ] && echo "peak RSS $((kb / 1024)) MB" || echo "peak RSS not measurable here")" "-" \
      "succeeds with -Xmx256m" true
  fi
  if ! ENTIRE_JAVA=$java_default "$entire" search "retry loop" | grep -q "retry loop"; then
    echo "bench: search found no 'retry loop' among the 10,000 checkpoints" >&2
    exit 1
  fi
  for ((i = -1; i < runs * 2; i++)); do
    ENTIRE_JAVA=$java_default timed warm "$entire" search "retry loop"
    if [ "$i" -lt 0 ]; then
      warm=()
    fi
  done
  local served=()
  if hook_server_available; then
    served_like_own_jvm search "retry loop"
    for ((i = -3; i < runs * 2; i++)); do   # three rounds not counted: the server's first search loads Lucene
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed served "$entire" search "retry loop"
      if [ "$i" -lt 0 ]; then
        served=()
      fi
    done
  fi
  cd "$root"
  rm -rf "$copy"
  local floor_ms build_ms
  floor_ms=$(median_ms "${floor[@]}")
  build_ms=$(median_ms "${build[@]}")
  row "search --reindex: index build, 10,000 checkpoints, own JVM (reference, $label_default)" "$floor_ms ms" \
    "$build_ms ms" "$(ratio "$build_ms" "$floor_ms")" "-" info
  if $server; then
    floor_row "search --reindex: index build, 10,000 checkpoints ($(served_label))" "$floor_ms" \
      "$(median_ms "${served_build[@]}")" 3
  else
    echo "bench: no hook client; the served index build row is left out" >&2
  fi
  row "search, warm index, 10,000 checkpoints, own JVM (reference, $label_default)" "-" \
    "$(median_ms "${warm[@]}") ms" "-" "-" info
  if [ ${#served[@]} -gt 0 ]; then
    local ms
    ms=$(median_ms "${served[@]}")
    row "search, warm index, 10,000 checkpoints ($(served_label))" "-" "$ms ms" "-" "<= 200 ms" \
      "$(at_most "$ms" 200 && echo true || echo false)"
  else
    echo "bench: no hook client; the served search row is left out" >&2
  fi
}

# The label of the rows of commands the hook server runs.
served_label() {
  echo "served, hook server on ${label_default%%,*}"
}

# served_like_own_jvm <command...>: starts the hook server, then checks that the command it runs prints what the
# command prints in a JVM of its own, here; a benchmark of other output is worthless.
served_like_own_jvm() {
  start_hook_server "$java_default"
  if ! cmp -s <(ENTIRE_JAVA=$java_default "$entire" "$@" 2>&1) \
      <(ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" "$@" 2>&1); then
    echo "bench: entire $* printed something else through the hook server than in a JVM of its own" >&2
    exit 1
  fi
}

# served_index_like_own_jvm: checks that a served `search --reindex` leaves the index an own-JVM one leaves: the
# same results for a query of many hits, each searched in a JVM of its own.
served_index_like_own_jvm() {
  local own
  ENTIRE_JAVA=$java_default "$entire" search --reindex retry >/dev/null
  own=$(ENTIRE_JAVA=$java_default "$entire" search retry --json --limit 1000)
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" search --reindex retry >/dev/null
  if ! cmp -s <(echo "$own") <(ENTIRE_JAVA=$java_default "$entire" search retry --json --limit 1000); then
    echo "bench: a served search --reindex left another index than one in a JVM of its own" >&2
    exit 1
  fi
}

# blame_repo: a file of 1,000 lines written by 200 commits of 5 lines each, every tenth commit linked by `attach`
# to a checkpoint of the real Claude Code session (so blame reads 20 checkpoints); kept between runs.
blame_repo() {
  local dir=$work/blame-1k i j
  if [ -f "$dir.done" ] && [ ! "$bench/search-blame.sh" -nt "$dir.done" ]; then
    repo=$dir
    return
  fi
  echo "bench: building a repository whose 1,000-line file has 200 commits, 20 of them linked" >&2
  rm -rf "$dir" "$dir.done"
  git init -q "$dir"
  repo=$(cd "$dir" && pwd -P)
  place_transcript "$repo" 75c838dd-10e3-40cf-8df3-17f9955149f8 \
    "$root/testdata/claude-code/75c838dd-10e3-40cf-8df3-17f9955149f8.jsonl"
  for ((i = 0; i < 200; i++)); do
    for ((j = 0; j < 5; j++)); do
      printf 'func step%d_%d() int { return %d }\n' "$i" "$j" $((i * 5 + j)) >> "$repo/steps.go"
    done
    git -C "$repo" add steps.go
    git -C "$repo" commit -q -m "Step $i"
    if ((i % 10 == 9)); then
      (cd "$repo" && ENTIRE_JAVA=$java_default "$entire" attach 75c838dd-10e3-40cf-8df3-17f9955149f8 --force \
        >/dev/null)
    fi
  done
  touch "$dir.done"
}

bench_blame() {
  local runs=20 i
  ! $quick || runs=5
  blame_repo
  echo "bench: blame of a 1,000-line file ($runs runs, interleaved with git blame)" >&2
  cd "$repo"
  if [ "$(ENTIRE_JAVA=$java_default "$entire" blame steps.go --json | grep -c '"checkpoints": \[$')" -lt 100 ]; then
    echo "bench: blame linked fewer than 100 lines to checkpoints" >&2
    exit 1
  fi
  local ours=() json=() floor=() served=() served_json=() server=false
  if hook_server_available; then
    served_like_own_jvm blame steps.go --json
    server=true
  fi
  for ((i = -3; i < runs; i++)); do   # three rounds not counted: the server's first blames compile it
    timed floor git blame steps.go
    ENTIRE_JAVA=$java_default timed ours "$entire" blame steps.go
    ENTIRE_JAVA=$java_default timed json "$entire" blame steps.go --json
    if $server; then
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed served "$entire" blame steps.go
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed served_json "$entire" blame steps.go --json
    fi
    if [ "$i" -lt 0 ]; then
      floor=() ours=() json=() served=() served_json=()
    fi
  done
  cd "$root"
  local floor_ms ours_ms
  floor_ms=$(median_ms "${floor[@]}")
  ours_ms=$(median_ms "${ours[@]}")
  row "blame, 1,000-line file of 200 commits, 20 linked, own JVM (reference, $label_default)" "$floor_ms ms" \
    "$ours_ms ms" "$(ratio "$ours_ms" "$floor_ms")" "-" info
  ours_ms=$(median_ms "${json[@]}")
  row "blame --json, the same file, own JVM (reference, $label_default)" "$floor_ms ms" "$ours_ms ms" \
    "$(ratio "$ours_ms" "$floor_ms")" "-" info
  if $server; then
    floor_row "blame, 1,000-line file of 200 commits, 20 linked ($(served_label))" "$floor_ms" \
      "$(median_ms "${served[@]}")" 2
    floor_row "blame --json, the same file ($(served_label))" "$floor_ms" "$(median_ms "${served_json[@]}")" 2
  else
    echo "bench: no hook client; the served blame rows are left out" >&2
  fi
}
