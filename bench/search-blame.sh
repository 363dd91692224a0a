# shellcheck shell=bash
# Rows of issue 27's budgets (sourced by bench/run.sh, which sets root, bench, work, entire, quick and java_default):
# search over 10,000 checkpoints (index build against reading their transcripts, warm search absolute) and blame of a
# 1,000-line file against git's own blame of it.

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
  local build=() floor=() warm=()
  for ((i = -1; i < runs; i++)); do
    timed floor floor_transcripts .
    ENTIRE_JAVA=$java_default timed build "$entire" search --reindex retry
    if [ "$i" -lt 0 ]; then
      floor=() build=()
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
  cd "$root"
  rm -rf "$copy"
  floor_row "search --reindex: index build, 10,000 checkpoints ($label_default)" "$(median_ms "${floor[@]}")" \
    "$(median_ms "${build[@]}")" 3
  local ms
  ms=$(median_ms "${warm[@]}")
  row "search, warm index, 10,000 checkpoints ($label_default)" "-" "$ms ms" "-" "<= 200 ms" \
    "$(at_most "$ms" 200 && echo true || echo false)"
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
  local ours=() json=() floor=()
  for ((i = -1; i < runs; i++)); do
    timed floor git blame steps.go
    ENTIRE_JAVA=$java_default timed ours "$entire" blame steps.go
    ENTIRE_JAVA=$java_default timed json "$entire" blame steps.go --json
    if [ "$i" -lt 0 ]; then
      floor=() ours=() json=()
    fi
  done
  cd "$root"
  local floor_ms
  floor_ms=$(median_ms "${floor[@]}")
  floor_row "blame, 1,000-line file of 200 commits, 20 linked ($label_default)" "$floor_ms" \
    "$(median_ms "${ours[@]}")" 2
  floor_row "blame --json, the same file ($label_default)" "$floor_ms" "$(median_ms "${json[@]}")" 2
}
