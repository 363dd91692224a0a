# shellcheck shell=bash
# bench/run.sh --only own-heavy: the heavy hooks and attach in a JVM of their own (issue 26 item 6), sourced by
# run.sh after lib.sh. Besides their rows (and the hooks' served ones), what a JVM of its own costs before any work,
# which no plumbing floor includes: the same commands where there is nothing to do, each with its own start-up cache.

# The 1 MB transcript the heavy rows and attach read, generated as prepare_inputs does; nothing else of its inputs.
prepare_own_heavy_transcript() {
  local transcript=$work/transcripts/1mb.jsonl generator=$bench/src/GenerateTranscript.java
  mkdir -p "$work/transcripts"
  if [ ! -f "$transcript" ] || [ "$generator" -nt "$transcript" ]; then
    echo "bench: generating the 1 MB transcript" >&2
    "$java_default" "$generator" 1000000 "$session_1mb" "$transcript" "$root"/testdata/claude-code/*.jsonl
  fi
}

bench_own_heavy() {
  prepare_own_heavy_transcript
  bench_heavy_hooks
  bench_attach
  bench_jvm_before_work
}

# The stop and the post-commit in a repository where Entire is not enabled (the hook reads its payload and settings,
# starts no git, and leaves; JDK 25 loads every class of the hook's AOT cache at start-up), and `--version` with the
# commands' cache, which attach uses: the JVM and our classes, with no work.
bench_jvm_before_work() {
  echo "bench: the heavy hooks' JVM before any work ($heavy_runs runs)" >&2
  new_repo "$work/not-enabled"
  heavy_payload "$repo" "$CLAUDE_CONFIG_DIR/projects/none.jsonl" Stop > "$work/not-enabled.json"
  local stop=() post_commit=() version=() i
  cd "$repo"
  for ((i = -1; i < heavy_runs; i++)); do
    ENTIRE_JAVA=$java_default timed stop "$entire" hooks claude-code stop < "$work/not-enabled.json"
    ENTIRE_JAVA=$java_default timed post_commit "$entire" hooks git post-commit
    ENTIRE_JAVA=$java_default timed version "$entire" --version
    if [ "$i" -lt 0 ]; then
      stop=() post_commit=() version=()
    fi
  done
  cd "$root"
  rm -rf "$repo" "$work/not-enabled.json"
  row "stop hook where Entire is not enabled: the JVM and its cache's classes ($label_default, reference)" - \
    "$(median_ms "${stop[@]}") ms" - - info
  row "post-commit where Entire is not enabled: the JVM and its cache's classes ($label_default, reference)" - \
    "$(median_ms "${post_commit[@]}") ms" - - info
  row "entire --version: the JVM and the commands' cache, as attach starts ($label_default, reference)" - \
    "$(median_ms "${version[@]}") ms" - - info
}
