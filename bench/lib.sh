# shellcheck shell=bash
# Functions of bench/run.sh (sourced; it sets root, bench, work, entire, quick and the run counts).

failures=0
rows=()   # "operation|floor|ours|ratio|budget|result"
session_1mb=7a1b2c3d-0001-4e5f-8a9b-000000000001
session_50mb=7a1b2c3d-0050-4e5f-8a9b-000000000050
session_20mb=7a1b2c3d-0020-4e5f-8a9b-000000000020
fast_import_tunables=glibc.malloc.trim_threshold=268435456   # as FastImport.mallocSettings sets it

# --- measuring -------------------------------------------------------------------------------------------------------

# timed <array> <command...>: runs the command with output discarded and appends its wall time (microseconds) to the
# array. A failing command stops the run: a benchmark of an error is worthless.
timed() {
  local -n samples=$1
  shift
  local start end
  start=$EPOCHREALTIME
  if ! "$@" >/dev/null 2>"$work/last.err"; then
    echo "bench: failed: $*" >&2
    cat "$work/last.err" >&2
    exit 1
  fi
  end=$EPOCHREALTIME
  samples+=($((${end/./} - ${start/./})))
}

# median_ms <microseconds...>: the median in milliseconds, one decimal.
median_ms() {
  printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
    END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'
}

# at_most <value> <limit>: true when value <= limit (decimals allowed).
at_most() {
  awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'
}

# row <operation> <floor> <ours> <ratio> <budget> <passed: true|false|info>
row() {
  local result
  case $6 in
    true) result=pass ;;
    false) result=FAIL; failures=$((failures + 1)) ;;
    *) result=- ;;
  esac
  rows+=("$1|$2|$3|$4|$5|$result")
  echo "  $1: $3 (floor $2, budget $5) $result" >&2
}

# floor_row <operation> <floor ms> <ours ms> <factor>: a row whose budget is at most factor times the floor.
floor_row() {
  local limit
  limit=$(awk -v f="$2" -v k="$4" 'BEGIN { printf "%.1f", k * f }')
  row "$1" "$2 ms" "$3 ms" "$(ratio "$3" "$2")" "<= ${4}x floor" "$(at_most "$3" "$limit" && echo true || echo false)"
}

print_table() {
  {
    echo "operation|floor (same run)|ours (median)|ratio|budget|result"
    echo "---|---|---|---|---|---"
    printf '%s\n' "${rows[@]}"
  } | awk -F'|' '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } n = NR }
    END {
      for (r = 1; r <= n; r++) {
        line = "|"
        for (i = 1; i <= 6; i++) {
          text = cell[r, i]
          if (r == 2) { text = ""; while (length(text) < width[i]) text = text "-" }
          line = line " " sprintf("%-" width[i] "s", text) " |"
        }
        print line
      }
    }'
}

# --- setting up ------------------------------------------------------------------------------------------------------

# Runs install.sh when bin/entire.jar is missing or older than any source or build file.
build_if_stale() {
  local newer=""
  if [ -f "$root/bin/entire.jar" ] && [ -f "$root/bin/entire.release" ]; then
    newer=$(find "$root/core/src/main" "$root/cli/src/main" "$root/search/src/main" "$root/pom.xml" "$root/core/pom.xml" \
      "$root/cli/pom.xml" "$root/search/pom.xml" -newer "$root/bin/entire.jar" -print -quit)
  else
    newer=missing
  fi
  if [ "$newer" = missing ]; then
    echo "bench: building (bin/entire.jar is not installed)" >&2
    "$root/install.sh" >&2
  elif [ -n "$newer" ]; then
    echo "bench: building (bin/entire.jar is older than $newer)" >&2
    "$root/install.sh" >&2
  fi
}

# Sets java_new (newest JDK >= 25) and java_old (newest JDK 17-24), each empty when absent, and their labels.
find_jdks() {
  java_new="" java_old="" label_new="" label_old=""
  local best_new="" best_old="" home version major on_path=""
  if command -v java >/dev/null; then
    on_path=$(readlink -f "$(command -v java)")
    on_path=${on_path%/bin/java}
  fi
  for home in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/* /usr/java/* /opt/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -r "$home/release" ] || continue
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release")
    major=${version%%.*}
    [[ $major =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 25 ] && newer_version "$version" "$best_new"; then
      best_new=$version java_new=$(readlink -f "$home/bin/java")
    elif [ "$major" -ge 17 ] && [ "$major" -lt 25 ] && newer_version "$version" "$best_old"; then
      best_old=$version java_old=$(readlink -f "$home/bin/java")
    fi
  done
  label_new="JDK $best_new"
  label_old="JDK $best_old"
  if [ -z "$java_new" ] && [ -z "$java_old" ]; then
    echo "bench: no JDK >= 17 found" >&2
    exit 2
  fi
  [ -n "$java_new" ] || echo "bench: no JDK >= 25 found; its rows are skipped" >&2
  [ -n "$java_old" ] || echo "bench: no JDK 17-24 found; its rows are skipped" >&2
  java_default=${java_new:-$java_old}
  label_default=$([ -n "$java_new" ] && echo "$label_new, AOT cache" || echo "$label_old, AppCDS")
}

newer_version() {
  [ -z "$2" ] || [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1)" != "$2" ]
}

# Trains the start-up cache of each JDK in the foreground (a no-op when it is fresh), so nothing trains while timing.
train_caches() {
  local java build old
  # Caches of earlier builds are dead weight here (11-20 MB each); the launcher only ever uses the current build's.
  build=$(sed -n 's/^ENTIRE_BUILD="\(.*\)"$/\1/p' "$root/bin/entire.release")
  for old in "$XDG_CACHE_HOME"/entire/entire-*; do
    case ${old##*/} in
      entire-"$build"-*) ;;
      entire-*) rm -rf -- "$old" ;;
    esac
  done
  for java in $java_new $java_old; do
    if ! ENTIRE_JAVA=$java ENTIRE_STARTUP_CACHE=train "$entire"; then
      echo "bench: training the start-up cache for $java failed; see $XDG_CACHE_HOME/entire/*.log" >&2
      exit 1
    fi
  done
}

# The JVM alone, for reference next to the light hooks: a class that prints one line, run with the launcher's flags
# and a start-up cache of its own (recorded here), so a row shows what a JVM costs this run before any of our code.
# Sets reference_new and reference_old to the command for each JDK. Needs javac and jar from one of the JDKs;
# without them the rows are left out.
prepare_jvm_reference() {
  local dir=$work/jvm-reference jdk="" java flags gc tuning major
  reference_new=() reference_old=()
  for java in $java_old $java_new; do
    jdk=${java%/bin/java}
    [ -x "$jdk/bin/javac" ] && [ -x "$jdk/bin/jar" ] && break
    jdk=""
  done
  if [ -z "$jdk" ]; then
    echo "bench: no javac and jar in $java_old $java_new; the JVM reference rows are left out" >&2
    return
  fi
  rm -rf "$dir"
  mkdir -p "$dir/classes"
  printf '%s\n' 'public final class Hello {' '    public static void main(String[] args) {' \
    '        System.out.println("hello");' '    }' '}' > "$dir/Hello.java"
  "$jdk/bin/javac" --release 17 -d "$dir/classes" "$dir/Hello.java"
  "$jdk/bin/jar" --create --file "$dir/hello.jar" -C "$dir/classes" .
  # The launcher's own flags, read from it so that the two never differ.
  read -r -a flags <<< "$(sed -n 's/^\(JVM\|QUIET\)_FLAGS="\(.*\)"$/\2/p' "$entire" | tr '\n' ' ')"
  for java in $java_new $java_old; do
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${java%/bin/java}/release")
    tuning=()
    [ "$major" -le 25 ] && read -r -a tuning <<< "$(launcher_flags NO_RELOCATION)"
    if [ "$major" -ge 25 ]; then
      read -r -a gc <<< "$(launcher_flags SHORT_RUN_GC)"
      "$java" "${flags[@]}" "${gc[@]}" -XX:AOTCacheOutput="$dir/hello.aot" -cp "$dir/hello.jar" Hello >/dev/null \
        2>"$dir/aot.log"
      [ "$major" -eq 25 ] && read -r -a tuning <<< "$(launcher_flags NO_PROFILE_REPLAY) ${tuning[*]}"
      reference_new=("$java" "${flags[@]}" "${gc[@]}" "${tuning[@]}" -XX:AOTCache="$dir/hello.aot" -cp "$dir/hello.jar"
        Hello)
    else
      # As the launcher records it: the classes of one run, then a static archive of them.
      read -r -a gc <<< "$(launcher_flags ARCHIVED_HEAP_GC)"
      "$java" "${flags[@]}" "${gc[@]}" -XX:DumpLoadedClassList="$dir/hello.classlist" -cp "$dir/hello.jar" Hello \
        >/dev/null
      "$java" "${flags[@]}" "${gc[@]}" -Xshare:dump -XX:SharedClassListFile="$dir/hello.classlist" \
        -XX:SharedArchiveFile="$dir/hello.jsa" -cp "$dir/hello.jar" >"$dir/jsa.log" 2>&1
      reference_old=("$java" "${flags[@]}" "${gc[@]}" "${tuning[@]}" -XX:SharedArchiveFile="$dir/hello.jsa" \
        -cp "$dir/hello.jar" Hello)
    fi
  done
}

# launcher_flags <variable>: the flags the launcher script holds in that variable.
launcher_flags() {
  sed -n "s/^$1=\"\(.*\)\"$/\1/p" "$root/bin/entire-launcher"
}

# new_repo <dir>: a fresh repository with one commit, its real path in $repo.
new_repo() {
  rm -rf "$1"
  git init -q "$1"
  git -C "$1" commit -q --allow-empty -m "Use strings.Contains"
  repo=$(cd "$1" && pwd -P)
}

# place_transcript <repo> <session> <file>: where Claude Code keeps the session's transcript for that repository.
place_transcript() {
  local folder=$CLAUDE_CONFIG_DIR/projects/${1//[^A-Za-z0-9]/-}
  mkdir -p "$folder"
  ln -f "$3" "$folder/$2.jsonl" 2>/dev/null || cp "$3" "$folder/$2.jsonl"
}

# wait_for_file <file>: a served prompt hook writes the turn's work-tree snapshot after it has answered, within some
# milliseconds: polled at that pace, so the rows that wait for it after every prompt do not add a second per round.
wait_for_file() {
  local tries=0
  until [ -f "$1" ]; do
    tries=$((tries + 1))
    if [ $tries -gt 6000 ]; then
      echo "bench: $1 did not appear within 60 s" >&2
      exit 1
    fi
    sleep 0.01
  done
}

# head_checkpoint <repo>: the checkpoint id HEAD's message links to.
head_checkpoint() {
  git -C "$1" log -1 --format='%(trailers:key=Entire-Checkpoint,valueonly)' | head -n 1
}

# save_checkpoint_blobs <repo> <id> <dir>: the blobs of a one-session checkpoint on the v1 branch, for a floor to write.
save_checkpoint_blobs() {
  local folder="entire/checkpoints/v1:${2:0:2}/${2:2}" file
  git -C "$1" show "$folder/metadata.json" > "$3/metadata.json"
  for file in full.jsonl transcript.jsonl prompt.txt content_hash.txt metadata.json; do
    git -C "$1" show "$folder/0/$file" > "$3/${file/#metadata.json/session-metadata.json}"
  done
}

# generate_store <count>: a v1 store of that many checkpoints in $work/store-<count/1000>k, kept between runs.
generate_store() {
  local store=$work/store-$(($1 / 1000))k
  if [ ! -f "$store.done" ] || [ "$bench/src/GenerateStore.java" -nt "$store.done" ]; then
    echo "bench: generating a v1 store of $1 checkpoints (git fast-import)" >&2
    rm -rf "$store"
    git init -q "$store"
    "$java_default" "$bench/src/GenerateStore.java" "$1" 42 | git -C "$store" fast-import --quiet
    git -C "$store" reset -q --hard main
    touch "$store.done"
  fi
}

# generate_monorepo: a repository of 20,000 committed files in $work/monorepo-20k, kept between runs.
generate_monorepo() {
  local dir=$work/monorepo-20k generator=$bench/src/GenerateMonorepo.java
  if [ ! -f "$dir.done" ] || [ "$generator" -nt "$dir.done" ]; then
    echo "bench: generating a repository of 20,000 files (git fast-import)" >&2
    rm -rf "$dir" "$dir.done"
    git init -q "$dir"
    "$java_default" "$generator" 20000 | git -C "$dir" fast-import --quiet
    git -C "$dir" reset -q --hard main
    touch "$dir.done"
  fi
}

# Inputs that take a while are kept between runs and rebuilt when their generator changes.
prepare_inputs() {
  mkdir -p "$work/transcripts"
  local fixtures=("$root"/testdata/claude-code/*.jsonl)
  if [ ! -f "${fixtures[0]}" ]; then
    echo "bench: fixtures not found in $root/testdata/claude-code" >&2
    exit 2
  fi
  local transcripts=$work/transcripts generator=$bench/src/GenerateTranscript.java
  if [ ! -f "$transcripts/50mb.jsonl" ] || [ "$generator" -nt "$transcripts/50mb.jsonl" ]; then
    echo "bench: generating transcripts (1 MB, 50 MB)" >&2
    "$java_default" "$generator" 1000000 "$session_1mb" "$transcripts/1mb.jsonl" "${fixtures[@]}"
    "$java_default" "$generator" 50000000 "$session_50mb" "$transcripts/50mb.jsonl" "${fixtures[@]}"
  fi
  local size
  for size in 1000 10000; do
    generate_store "$size"
  done
  generate_monorepo
  new_repo "$work/hook-repo"
  mkdir -p "$repo/.entire"   # enabled the way enable writes it, without installing hooks the bench does not use
  printf '{"enabled": true}\n' > "$repo/.entire/settings.json"
  printf 'package main\n' > "$repo/main.go"   # staged, so that prepare-commit-msg has a commit to link
  git -C "$repo" add main.go
  printf 'Use strings.Contains\n' > "$work/COMMIT_EDITMSG"
  # The session's transcript where Claude Code keeps it, as its payloads name it: a real one of 50 KB (a session some
  # turns in), so the hooks take the path they take for a user rather than refusing a transcript outside that folder.
  place_transcript "$repo" "$session_1mb" "${fixtures[0]}"
  local transcript=$CLAUDE_CONFIG_DIR/projects/${repo//[^A-Za-z0-9]/-}/$session_1mb.jsonl
  printf '{"session_id":"%s","transcript_path":"%s","cwd":"%s","hook_event_name":"%s","prompt":"%s"}\n' \
    "$session_1mb" "$transcript" "$repo" UserPromptSubmit "Use strings.Contains" > "$work/prompt.json"
  printf '{"session_id":"%s","transcript_path":"%s","cwd":"%s","hook_event_name":"%s","source":"startup"}\n' \
    "$session_1mb" "$transcript" "$repo" SessionStart > "$work/session-start.json"
}

# --- benchmarks ------------------------------------------------------------------------------------------------------

# Light hooks: start-up, hand dispatch and what each hook does in an enabled repository where a Claude Code session
# has a turn under way (user-prompt-submit starts it, and a turn more on every run) and a file is staged:
# prepare-commit-msg links the message, as for the agent's own commit, and commit-msg then reads a linked message.
# Every light verb on each JDK with its cache; for reference, commit-msg without a cache and the JVM alone.
bench_hooks() {
  echo "bench: light hooks ($hook_runs runs, interleaved with the floor)" >&2
  cd "$work/hook-repo"
  local verbs=(session-start user-prompt-submit prepare-commit-msg commit-msg) configs=() labels=() verb c i
  local java label
  for java in $java_new $java_old; do
    [ "$java" = "$java_new" ] && label="$label_new + AOT cache" || label="$label_old + AppCDS"
    for verb in "${verbs[@]}"; do
      configs+=("$java auto $verb")
      labels+=("$(hook_label "$verb"), $label")
    done
  done
  for java in $java_new $java_old; do
    [ "$java" = "$java_new" ] && label=$label_new || label=$label_old
    configs+=("$java off commit-msg")
    labels+=("$(hook_label commit-msg), $label, no cache (reference)")
  done
  if [ ${#reference_new[@]} -gt 0 ] || [ ${#reference_old[@]} -gt 0 ]; then
    for java in $java_new $java_old; do
      [ "$java" = "$java_new" ] && label="$label_new + AOT cache" || label="$label_old + AppCDS"
      configs+=("$java reference -")
      labels+=("the JVM alone: hello world with the launcher's flags, $label (reference)")
    done
  fi
  if hook_server_available; then
    # A server per JDK, as users whose newest JDK is 17 get one on 17.
    for java in $java_new $java_old; do
      [ "$java" = "$java_new" ] && label=$label_new || label=$label_old
      for verb in "${verbs[@]}"; do
        configs+=("$java served $verb")
        labels+=("$(hook_label "$verb"), hook server on $label")
      done
      configs+=("$java back-to-back prepare-commit-msg")
      labels+=("$(hook_label prepare-commit-msg) at once after a served user-prompt-submit, hook server on $label \
(reference)")
      start_hook_server "$java"
    done
  fi
  local floor=()
  for c in "${!configs[@]}"; do
    local -a "samples_$c=()"
  done
  for ((i = -2; i < hook_runs; i++)); do   # two warm-up rounds, not counted
    timed floor git rev-parse HEAD
    for c in "${!configs[@]}"; do
      run_hook "samples_$c" ${configs[$c]}
    done
    if [ "$i" -lt 0 ]; then
      floor=()
      for c in "${!configs[@]}"; do
        local -n samples="samples_$c"
        samples=()
        unset -n samples
      done
    fi
  done
  local floor_ms ours_ms
  floor_ms=$(median_ms "${floor[@]}")
  for c in "${!configs[@]}"; do
    local -n samples="samples_$c"
    ours_ms=$(median_ms "${samples[@]}")
    # The goal is 40 ms on JDK >= 25 with its AOT cache and, for now, 60 ms on JDK 17-24 with AppCDS (the
    # benchmark issue's first goal): a JVM 17 printing hello world with its own archive takes ~45-50 ms here.
    local limit=40
    [[ ${configs[$c]} = "$java_old "* && ${configs[$c]} != *" served "* ]] && limit=60
    [[ ${configs[$c]} = *" served "* ]] && limit=5   # issue 26 item 5
    case ${configs[$c]} in
      *" off "* | *" reference "* | *" back-to-back "*)
        row "${labels[$c]}" "$floor_ms ms" "$ours_ms ms" "$(ratio "$ours_ms" "$floor_ms")" "-" info ;;
      *) row "${labels[$c]}" "$floor_ms ms" "$ours_ms ms" "$(ratio "$ours_ms" "$floor_ms")" "p50 <= $limit ms" \
        "$(at_most "$ours_ms" "$limit" && echo true || echo false)" ;;
    esac
    unset -n samples
  done
  cd "$root"
}

# hook_label <verb>: the row's name for a light hook.
hook_label() {
  case $1 in
    session-start | user-prompt-submit) echo "light hook claude-code $1" ;;
    *) echo "light hook git $1" ;;
  esac
}

# run_hook <array> <java> <cache mode> <verb>: times the light hook into the array.
run_hook() {
  local command input=$work/prompt.json
  case $4 in
    session-start) command=("$entire" hooks claude-code session-start) input=$work/session-start.json ;;
    user-prompt-submit) command=("$entire" hooks claude-code user-prompt-submit) ;;
    prepare-commit-msg)
      printf 'Use strings.Contains\n' > "$work/COMMIT_EDITMSG"   # as git hands it over, before the hook links it
      command=("$entire" hooks git prepare-commit-msg "$work/COMMIT_EDITMSG" message) ;;
    commit-msg) command=("$entire" hooks git commit-msg "$work/COMMIT_EDITMSG") ;;
  esac
  if [ "$3" = reference ] && [ "$2" = "$java_new" ]; then
    timed "$1" "${reference_new[@]}"
  elif [ "$3" = reference ]; then
    timed "$1" "${reference_old[@]}"
  elif [ "$3" = served ]; then
    ENTIRE_JAVA=$2 ENTIRE_HOOK_SERVER=on timed "$1" "${command[@]}" < "$input"
    if [ "$4" = user-prompt-submit ]; then
      # The work-tree snapshot the prompt takes after answering holds the session's lock; in a real turn it is done
      # seconds before the agent commits, so the next hook is timed once it is (the back-to-back row times it too).
      wait_for_file "$work/hook-repo/.git/entire-sessions/$session_1mb.turn-start.index"
    fi
  elif [ "$3" = back-to-back ]; then
    ENTIRE_JAVA=$2 ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code user-prompt-submit < "$work/prompt.json" \
      >/dev/null
    ENTIRE_JAVA=$2 ENTIRE_HOOK_SERVER=on timed "$1" "${command[@]}" < "$input"
    wait_for_file "$work/hook-repo/.git/entire-sessions/$session_1mb.turn-start.index"
  else
    ENTIRE_JAVA=$2 ENTIRE_STARTUP_CACHE=$3 timed "$1" "${command[@]}" < "$input"
  fi
}

# True when install.sh built bin/entire, the native front that reaches the server (it needs a C compiler).
hook_server_available() {
  [ -x "$root/bin/entire" ] && ! cmp -s "$root/bin/entire" "$root/bin/entire-launcher"
}

# start_hook_server <java>: one hook with the server on starts it in the background; waits until it listens. A
# server still leaving (its socket gone) would keep the launcher from starting one, so it goes first.
start_hook_server() {
  await_servers_gone
  echo '{}' | ENTIRE_JAVA=$1 ENTIRE_HOOK_SERVER=on "$entire" hooks claude-code session-end 2>/dev/null
  local waited major
  # The launcher names the socket after the JDK's major version, which it reads from the JDK's release file.
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "${1%/bin/java}/release")
  for ((waited = 0; waited < 300; waited++)); do
    if compgen -G "$XDG_CACHE_HOME/entire/*-$major.sock" >/dev/null; then
      return
    fi
    sleep 0.1
  done
  echo "bench: the hook server did not start; see $XDG_CACHE_HOME/entire/*.sock.log" >&2
  exit 1
}

# restart_hook_server <java>: the servers leave, then a new one starts (and warms up) for that JDK.
restart_hook_server() {
  stop_hook_servers
  start_hook_server "$1"
}

# Waits (up to 10 s each) for the servers whose socket is gone to leave.
await_servers_gone() {
  local record pid rest waited
  for record in "$XDG_CACHE_HOME"/entire/*.sock.pid; do
    [ -f "$record" ] && [ ! -S "${record%.pid}" ] && read -r pid rest < "$record" && [ -n "$pid" ] || continue
    for ((waited = 0; waited < 100; waited++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
}

# Removing its socket makes a hook server leave (within a second), as install.sh does for a replaced build.
stop_hook_servers() {
  rm -f "$XDG_CACHE_HOME"/entire/*.sock
}

# Heavy hooks in an enabled repository: the stop that ends a turn of a 1 MB transcript which wrote three new files
# (a step and its snapshot on the shadow branch), and the post-commit that condenses that session into a checkpoint
# after an agent-style commit (and deletes the shadow branch). Each run starts from the same saved state; the floors
# make the same git writes with plumbing in a copy of the repository.
bench_heavy_hooks() {
  echo "bench: heavy hooks ($heavy_runs runs, interleaved with the floor)" >&2
  local dir=$work/heavy i
  rm -rf "$dir"
  mkdir -p "$dir/blobs"
  new_repo "$dir/ours"
  local ours=$repo floor=$dir/floor
  (cd "$ours" && ENTIRE_JAVA=$java_default ENTIRE_HOOK_COMMAND=$entire "$entire" enable --agent claude-code \
    >/dev/null && git add .entire .claude && git commit -qm "Enable Entire")
  # The transcript where Claude Code keeps it: a payload naming a file outside its projects folder is refused.
  local transcript=$CLAUDE_CONFIG_DIR/projects/${ours//[^A-Za-z0-9]/-}/$session_1mb.jsonl
  : > "$dir/empty.jsonl"
  place_transcript "$ours" "$session_1mb" "$dir/empty.jsonl"
  heavy_payload "$ours" "$transcript" UserPromptSubmit > "$dir/prompt.json"
  heavy_payload "$ours" "$transcript" Stop > "$dir/stop.json"
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code user-prompt-submit < "$dir/prompt.json")
  rm -f "$transcript"
  place_transcript "$ours" "$session_1mb" "$work/transcripts/1mb.jsonl"
  # For the reference rows of what a JVM of its own costs besides the transcript: its first complete lines of ~20 KB.
  head -c 20000 "$work/transcripts/1mb.jsonl" | sed '$d' > "$dir/20kb.jsonl"
  # The work tree as the turn found it, which each stop compares the work tree with (and uses up).
  local turn_start=$ours/.git/entire-sessions/$session_1mb.turn-start.index
  wait_for_file "$turn_start"
  cp "$turn_start" "$dir/turn-start.index"
  local files=(src/contains.go src/contains_test.go docs/contains.md) file
  for file in "${files[@]}"; do
    mkdir -p "$ours/${file%/*}"
    seq 1 300 | sed "s|^|// $file line |" > "$ours/$file"
  done
  local state=$ours/.git/entire-sessions/$session_1mb.json
  cp "$state" "$dir/before-stop.json"
  # One real stop names the shadow branch and gives the floor the files of the step's session folder.
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code stop < "$dir/stop.json")
  local shadow
  shadow=$(git -C "$ours" for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/)
  mkdir -p "$dir/step-folder"
  git -C "$ours" archive "$shadow:.entire/metadata/$session_1mb" | tar -x -C "$dir/step-folder"
  cp -a "$ours" "$floor"
  # The floor's own scratch index (a copied one's stat data would not match its files): a copy of its index, staged.
  cp "$floor/.git/index" "$dir/floor-turn-start.index"
  (cd "$floor" && GIT_INDEX_FILE=$dir/floor-turn-start.index git add --all)

  local served=false
  if hook_server_available; then
    served=true
    start_hook_server "$java_default"
  fi
  local stop_ours=() stop_served=() stop_floor=() stop_small=()
  for ((i = -3; i < heavy_runs; i++)); do   # three warm-up rounds, not counted
    cp "$dir/before-stop.json" "$state"
    cp "$dir/turn-start.index" "$turn_start"
    git -C "$ours" update-ref -d "$shadow"
    git -C "$floor" update-ref -d "$shadow"
    cd "$ours"
    ENTIRE_JAVA=$java_default timed stop_ours "$entire" hooks claude-code stop < "$dir/stop.json"
    cp "$dir/before-stop.json" "$state"
    cp "$dir/turn-start.index" "$turn_start"
    git -C "$ours" update-ref -d "$shadow"
    place_transcript "$ours" "$session_1mb" "$dir/20kb.jsonl"
    ENTIRE_JAVA=$java_default timed stop_small "$entire" hooks claude-code stop < "$dir/stop.json"
    place_transcript "$ours" "$session_1mb" "$work/transcripts/1mb.jsonl"
    if $served; then
      cp "$dir/before-stop.json" "$state"
      cp "$dir/turn-start.index" "$turn_start"
      git -C "$ours" update-ref -d "$shadow"
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed stop_served "$entire" hooks claude-code stop \
        < "$dir/stop.json"
    fi
    cd "$root"
    timed stop_floor "$bench/floor-stop.sh" "$floor" "$shadow" "$session_1mb" "$dir/step-folder" \
      "$dir/floor-turn-start.index" "${files[@]}"
    if [ "$i" -lt 0 ]; then
      stop_ours=() stop_served=() stop_floor=() stop_small=()
    fi
  done
  floor_row "stop hook with a step, 1 MB transcript, 3 new files ($label_default)" \
    "$(median_ms "${stop_floor[@]}")" "$(median_ms "${stop_ours[@]}")" 3
  row "stop hook with a step, its first 20 KB of transcript, 3 new files ($label_default, reference)" \
    "$(median_ms "${stop_floor[@]}") ms" "$(median_ms "${stop_small[@]}") ms" \
    "$(ratio "$(median_ms "${stop_small[@]}")" "$(median_ms "${stop_floor[@]}")")" - info
  if $served; then
    floor_row "stop hook with a step, 1 MB transcript, 3 new files (hook server on ${label_default%%,*})" \
      "$(median_ms "${stop_floor[@]}")" "$(median_ms "${stop_served[@]}")" 2   # issue 26 item 5
  fi

  # The agent commits its files with the post-commit hook set aside: prepare-commit-msg links the commit to the
  # session, and the state from before the post-commit is what every timed run starts from. One untimed post-commit
  # gives the floor its blobs.
  local hooks
  hooks=$(git -C "$ours" rev-parse --git-path hooks)
  [[ $hooks = /* ]] || hooks=$ours/$hooks
  mv "$hooks/post-commit" "$dir/post-commit"
  local before_agent_commit
  before_agent_commit=$(git -C "$ours" rev-parse HEAD)
  cp "$state" "$dir/before-agent-commit.json"
  (cd "$ours" && git add "${files[@]}" && ENTIRE_JAVA=$java_default CLAUDECODE=1 git commit -qm "Use strings.Contains")
  mv "$dir/post-commit" "$hooks/post-commit"
  cp "$state" "$dir/before-commit.json"
  local shadow_tip id
  shadow_tip=$(git -C "$ours" rev-parse "$shadow")
  id=$(head_checkpoint "$ours")
  if [ -z "$id" ]; then
    echo "bench: the agent's commit was not linked to the session; see $ours/.entire/logs" >&2
    exit 1
  fi
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks git post-commit)
  save_checkpoint_blobs "$ours" "$id" "$dir/blobs"
  # The rows are about a 1 MB transcript: the checkpoint must hold it, or they measure nothing of it.
  if [ "$(wc -c < "$dir/blobs/full.jsonl")" -lt $(($(wc -c < "$work/transcripts/1mb.jsonl") * 9 / 10)) ]; then
    echo "bench: checkpoint $id holds $(wc -c < "$dir/blobs/full.jsonl") bytes of transcript, not the 1 MB one" >&2
    exit 1
  fi
  rm -rf "$floor"
  cp -a "$ours" "$floor"

  local condense_ours=() condense_served=() condense_floor=() condense_small=()
  local prefix=$ours/.git/entire-sessions/$session_1mb.redacted
  for ((i = -3; i < heavy_runs; i++)); do
    reset_condensation "$ours" "$dir/before-commit.json" "$state" "$shadow" "$shadow_tip"
    reset_condensation "$floor" "" "" "$shadow" "$shadow_tip"
    cd "$ours"
    ENTIRE_JAVA=$java_default timed condense_ours "$entire" hooks git post-commit
    check_condensed "$ours" "$id" "$shadow"
    # The 20 KB run leaves the redacted prefix of the 1 MB one as it found it: the rows above find what they did.
    rm -f "$dir/prefix.jsonl" "$dir/prefix-description"
    [ ! -f "$prefix.jsonl" ] || cp "$prefix.jsonl" "$dir/prefix.jsonl"
    [ ! -f "$prefix-prefix" ] || cp "$prefix-prefix" "$dir/prefix-description"
    reset_condensation "$ours" "$dir/before-commit.json" "$state" "$shadow" "$shadow_tip"
    place_transcript "$ours" "$session_1mb" "$dir/20kb.jsonl"
    ENTIRE_JAVA=$java_default timed condense_small "$entire" hooks git post-commit
    check_condensed "$ours" "$id" "$shadow"
    place_transcript "$ours" "$session_1mb" "$work/transcripts/1mb.jsonl"
    rm -f "$prefix.jsonl" "$prefix-prefix"
    [ ! -f "$dir/prefix.jsonl" ] || cp "$dir/prefix.jsonl" "$prefix.jsonl"
    [ ! -f "$dir/prefix-description" ] || cp "$dir/prefix-description" "$prefix-prefix"
    if $served; then
      reset_condensation "$ours" "$dir/before-commit.json" "$state" "$shadow" "$shadow_tip"
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed condense_served "$entire" hooks git post-commit
      check_condensed "$ours" "$id" "$shadow"
    fi
    cd "$root"
    timed condense_floor "$bench/floor-checkpoint.sh" "$floor" "$dir/blobs" "$id" "$session_1mb" --delete-ref "$shadow"
    if [ "$i" -lt 0 ]; then
      condense_ours=() condense_served=() condense_floor=() condense_small=()
    fi
  done
  bench_commit_after_server_left "$ours" "$dir" "$before_agent_commit" "$state" "$shadow" "$shadow_tip"
  rm -rf "$dir"
  floor_row "post-commit condensation, 1 MB transcript ($label_default)" "$(median_ms "${condense_floor[@]}")" \
    "$(median_ms "${condense_ours[@]}")" 3
  row "post-commit condensation, its first 20 KB of transcript ($label_default, reference)" \
    "$(median_ms "${condense_floor[@]}") ms" "$(median_ms "${condense_small[@]}") ms" \
    "$(ratio "$(median_ms "${condense_small[@]}")" "$(median_ms "${condense_floor[@]}")")" - info
  if $served; then
    floor_row "post-commit condensation, 1 MB transcript (hook server on ${label_default%%,*})" \
      "$(median_ms "${condense_floor[@]}")" "$(median_ms "${condense_served[@]}")" 2   # issue 26 item 5
  fi
}

# bench_commit_after_server_left <repo> <dir> <commit before> <state file> <shadow ref> <shadow tip>: the agent's
# `git commit` of its three files (prepare-commit-msg, commit-msg, and a post-commit condensing the 1 MB transcript),
# each hook in a JVM of its own, after the hook server left: with the server turned off, and with none running, so
# that the launcher starts one. The server must start after the commit's hooks, not beside them on the two cores.
bench_commit_after_server_left() {
  local ours=$1 dir=$2 before=$3 state=$4 shadow=$5 shadow_tip=$6 i mode
  local off=() starting=()
  stop_hook_servers
  await_servers_gone
  for ((i = -1; i < heavy_runs; i++)); do
    for mode in off on; do
      git -C "$ours" reset -q --soft "$before"
      cp "$dir/before-agent-commit.json" "$state"
      git -C "$ours" update-ref "$shadow" "$shadow_tip"
      git -C "$ours" update-ref -d refs/heads/entire/checkpoints/v1
      rm -rf "$(git -C "$ours" rev-parse --git-common-dir)/entire-owed"
      cd "$ours"
      if [ "$mode" = off ]; then
        ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=off CLAUDECODE=1 timed off git commit -qm "Use strings.Contains"
      else
        ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on CLAUDECODE=1 timed starting git commit -qm \
          "Use strings.Contains"
        forget_starting_servers
      fi
      cd "$root"
      local id
      id=$(head_checkpoint "$ours")
      if [ -z "$id" ]; then
        echo "bench: the agent's commit after the server left was not linked; see $ours/.entire/logs" >&2
        exit 1
      fi
      check_condensed "$ours" "$id" "$shadow"
    done
    if [ "$i" -lt 0 ]; then
      off=() starting=()
    fi
  done
  local off_ms starting_ms
  off_ms=$(median_ms "${off[@]}")
  starting_ms=$(median_ms "${starting[@]}")
  row "git commit of the agent's work, its hooks in JVMs of their own, server off ($label_default, reference)" - \
    "$off_ms ms" - - info
  row "the same commit after the hook server left, which its first hook starts ($label_default)" "$off_ms ms" \
    "$starting_ms ms" "$(ratio "$starting_ms" "$off_ms")" "<= 1.2x server off" \
    "$(at_most "$starting_ms" "$(awk -v f="$off_ms" 'BEGIN { printf "%.1f", 1.2 * f }')" && echo true || echo false)"
}

# Ends the servers a launcher started or is about to start (waiting for its hook to end), before they warm up.
forget_starting_servers() {
  local record pid rest
  for record in "$XDG_CACHE_HOME"/entire/*.sock.pid; do
    [ -f "$record" ] && read -r pid rest < "$record" && [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    rm -f "$record"
  done
  stop_hook_servers
}

# reset_condensation <repo> <saved state> <state file> <shadow ref> <shadow tip>: back to the state before the
# post-commit (no checkpoint branch, the shadow branch at its tip, the session's state file as saved, if given).
reset_condensation() {
  if [ -n "$2" ]; then
    cp "$2" "$3"
  fi
  git -C "$1" update-ref -d refs/heads/entire/checkpoints/v1
  git -C "$1" update-ref "$4" "$5"
}

# check_condensed <repo> <checkpoint id> <shadow ref>: the post-commit wrote the checkpoint and deleted the branch.
# A served post-commit deletes the branch after its reply: waiting for that keeps it out of the next timed run.
check_condensed() {
  if ! git -C "$1" cat-file -e "entire/checkpoints/v1:${2:0:2}/${2:2}/0/full.jsonl"; then
    echo "bench: post-commit did not write checkpoint $2" >&2
    exit 1
  fi
  wait_for_ref_gone "$1" "$3"
}

# wait_for_ref_gone <repo> <ref>: a served post-commit deletes the shadow branch after its reply; waiting for that
# keeps it out of the next timed run.
wait_for_ref_gone() {
  local tries=0
  while git -C "$1" rev-parse -q --verify "$2" >/dev/null; do
    if [ $((tries += 1)) -gt 500 ]; then
      echo "bench: post-commit did not delete shadow branch $2" >&2
      exit 1
    fi
    sleep 0.01
  done
}

# heavy_payload <repo> <transcript> <event>: Claude Code's hook payload for the heavy hooks' session.
heavy_payload() {
  printf '{"session_id":"%s","transcript_path":"%s","cwd":"%s","hook_event_name":"%s","prompt":"%s"}\n' \
    "$session_1mb" "$2" "$1" "$3" "Use strings.Contains instead of the loop"
}

# The turn in the repository of 20,000 files: two tracked files changed, one added (large_turn <repo> does it).
large_turn_files=(services/service0/pkg0/file0.go services/service19/pkg19/file49.go services/service7/pkg3/contains.go)
large_turn() {
  local file
  for file in "${large_turn_files[@]:0:2}"; do
    printf '\n// Contains reports whether s holds substr.\n' >> "$1/$file"
  done
  printf 'package pkg3\n\nimport "strings"\n\nfunc contains(s, substr string) bool {\n' > "$1/${large_turn_files[2]}"
  printf '\treturn strings.Contains(s, substr)\n}\n' >> "$1/${large_turn_files[2]}"
}

# The heavy hook in a repository of 20,000 tracked files (bench/src/GenerateMonorepo.java): the stop that ends a turn
# of the 1 MB transcript which changed two files and added one, through the hook server and in a JVM of its own,
# against bench/floor-stop.sh in a copy of the repository; and the user-prompt-submit that starts the next turn (it
# stages the work tree into the session's own index), through the hook server, against git status. Each round starts
# from the same saved state.
bench_large_repo() {
  echo "bench: hooks in a repository of 20,000 files ($large_runs runs, interleaved with the floor)" >&2
  local dir=$work/large i
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -a "$work/monorepo-20k" "$dir/ours"
  local ours floor=$dir/floor
  ours=$(cd "$dir/ours" && pwd -P)
  git -C "$ours" update-index -q --refresh   # a copy's stat data no longer matches its files (other inodes)
  (cd "$ours" && ENTIRE_JAVA=$java_default ENTIRE_HOOK_COMMAND=$entire "$entire" enable --agent claude-code \
    >/dev/null && git add .entire .claude && git commit -qm "Enable Entire")
  # The floor's copy is taken before the turn, so that its scratch index is staged from its own files as they were.
  cp -a "$ours" "$floor"
  git -C "$floor" update-index -q --refresh
  cp "$floor/.git/index" "$dir/floor-turn-start.index"
  (cd "$floor" && GIT_INDEX_FILE=$dir/floor-turn-start.index git add --all)
  # The transcript where Claude Code keeps it: a payload naming a file outside its projects folder is refused.
  local transcript=$CLAUDE_CONFIG_DIR/projects/${ours//[^A-Za-z0-9]/-}/$session_1mb.jsonl
  : > "$dir/empty.jsonl"
  place_transcript "$ours" "$session_1mb" "$dir/empty.jsonl"
  heavy_payload "$ours" "$transcript" UserPromptSubmit > "$dir/prompt.json"
  heavy_payload "$ours" "$transcript" Stop > "$dir/stop.json"
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code user-prompt-submit < "$dir/prompt.json")
  local turn_start=$ours/.git/entire-sessions/$session_1mb.turn-start.index
  local state=$ours/.git/entire-sessions/$session_1mb.json
  cp "$turn_start" "$dir/turn-start.index"
  cp "$state" "$dir/before-stop.json"
  large_turn "$ours"
  large_turn "$floor"
  # One real stop names the shadow branch and gives the floor the files of the step's session folder.
  (cd "$ours" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code stop < "$dir/stop.json")
  local shadow
  shadow=$(git -C "$ours" for-each-ref --format='%(refname)' 'refs/heads/entire/' | grep -v /checkpoints/)
  mkdir -p "$dir/step-folder"
  git -C "$ours" archive "$shadow:.entire/metadata/$session_1mb" | tar -x -C "$dir/step-folder"
  check_snapshot "$ours" "$shadow"

  local served=false
  if hook_server_available; then
    served=true
    start_hook_server "$java_default"
  fi
  local stop_ours=() stop_served=() stop_floor=() prompt_served=() status=()
  for ((i = -3; i < large_runs; i++)); do   # three warm-up rounds, not counted
    cd "$ours"
    if $served; then
      restore_turn "$ours" "$dir" "$state" "$turn_start" "$shadow"
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed stop_served "$entire" hooks claude-code stop \
        < "$dir/stop.json"
      check_snapshot "$ours" "$shadow"
      # The next turn starts where this stop left the session, as it does in a real session.
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed prompt_served "$entire" hooks claude-code \
        user-prompt-submit < "$dir/prompt.json"
      wait_for_file "$turn_start"   # the turn's snapshot, taken after the hook answered
    fi
    restore_turn "$ours" "$dir" "$state" "$turn_start" "$shadow"
    ENTIRE_JAVA=$java_default timed stop_ours "$entire" hooks claude-code stop < "$dir/stop.json"
    check_snapshot "$ours" "$shadow"
    timed status git status --porcelain
    cd "$root"
    git -C "$floor" update-ref -d "$shadow"
    timed stop_floor "$bench/floor-stop.sh" "$floor" "$shadow" "$session_1mb" "$dir/step-folder" \
      "$dir/floor-turn-start.index" "${large_turn_files[@]}"
    if [ "$i" -lt 0 ]; then
      stop_ours=() stop_served=() stop_floor=() prompt_served=() status=()
    fi
  done
  rm -rf "$dir"
  local floor_ms
  floor_ms=$(median_ms "${stop_floor[@]}")
  if $served; then
    floor_row "stop hook with a step, 20,000-file repo, 3 files changed (hook server on ${label_default%%,*})" \
      "$floor_ms" "$(median_ms "${stop_served[@]}")" 3
    # Staging the work tree looks at every file as git status does, so status is its floor rather than 40 ms.
    floor_row "user-prompt-submit, 20,000-file repo, floor git status (hook server on ${label_default%%,*})" \
      "$(median_ms "${status[@]}")" "$(median_ms "${prompt_served[@]}")" 2
  fi
  floor_row "stop hook with a step, 20,000-file repo, 3 files changed ($label_default)" "$floor_ms" \
    "$(median_ms "${stop_ours[@]}")" 3
}

# restore_turn <repo> <saved dir> <state file> <turn-start index> <shadow ref>: back to the state before the stop
# (the session's state and its turn's start as saved, no shadow branch).
restore_turn() {
  cp "$2/before-stop.json" "$3"
  cp "$2/turn-start.index" "$4"
  git -C "$1" update-ref -d "$5"
}

# check_snapshot <repo> <shadow ref>: the stop wrote the turn's files as they are now on the shadow branch.
check_snapshot() {
  local expected actual
  expected=$(cd "$1" && git hash-object "${large_turn_files[@]}")
  actual=$(git -C "$1" rev-parse "${large_turn_files[@]/#/$2:}" 2>/dev/null || true)
  if [ "$expected" != "$actual" ]; then
    echo "bench: the stop did not write the turn's files on $2; see $1/.entire/logs" >&2
    exit 1
  fi
}

# post-rewrite after a rebase of 100 linked commits (each with an Entire-Checkpoint trailer) onto a new upstream
# commit, fed the "old new" lines git handed the rebase's own post-rewrite, through the hook server and in a JVM of its
# own: once after a rebase that kept every trailer (the hook only reads the commits), against git rev-list of those
# commits; once after a rebase -i that reworded every commit without its trailer (the hook writes the 100 commits
# again with their trailers and moves HEAD), against bench/floor-reword.sh. Every run that rewords starts with HEAD
# back on the rebase's result and commits with a committer date of its own, so that no run finds its objects written.
bench_post_rewrite() {
  echo "bench: post-rewrite of a 100-commit rebase ($rewrite_runs runs, interleaved with the floor)" >&2
  local dir=$work/rewrite i
  rm -rf "$dir"
  mkdir -p "$dir"
  new_repo "$dir/repo"
  local rewritten=$repo
  mkdir -p "$rewritten/.entire"
  printf '{"enabled": true}\n' > "$rewritten/.entire/settings.json"
  linked_commits 100 | git -C "$rewritten" fast-import --quiet
  git -C "$rewritten" commit -q --allow-empty -m "Upstream change"
  local base hooks
  base=$(git -C "$rewritten" rev-parse main)
  hooks=$(git -C "$rewritten" rev-parse --git-path hooks)
  [[ $hooks = /* ]] || hooks=$rewritten/$hooks
  # git's own post-rewrite hook keeps the list it is given (before any entire hook is installed here).
  mkdir -p "$hooks"
  printf '#!/bin/sh\ncat > "%s/$1.list"\n' "$dir" > "$hooks/post-rewrite"
  chmod +x "$hooks/post-rewrite"
  git -C "$rewritten" branch -q lost feature
  git -C "$rewritten" checkout -q feature
  git -C "$rewritten" rebase -q main
  mv "$dir/rebase.list" "$dir/kept.list"
  git -C "$rewritten" checkout -q lost
  GIT_SEQUENCE_EDITOR="sed -i s/^pick/reword/" GIT_EDITOR="sed -i /^Entire-Checkpoint:/d" \
    git -C "$rewritten" rebase -q -i main >/dev/null
  mv "$dir/rebase.list" "$dir/lost.list"
  rm "$hooks/post-rewrite"
  local kept_tip lost_tip
  kept_tip=$(git -C "$rewritten" rev-parse feature)
  lost_tip=$(git -C "$rewritten" rev-parse lost)
  if [ "$(wc -l < "$dir/kept.list")" -ne 100 ] || [ "$(wc -l < "$dir/lost.list")" -ne 100 ] \
      || [ "$(linked_count "$rewritten" "$base" "$kept_tip")" -ne 100 ] \
      || [ "$(linked_count "$rewritten" "$base" "$lost_tip")" -ne 0 ]; then
    echo "bench: the rebases did not rewrite 100 commits with and without their trailers in $rewritten" >&2
    exit 1
  fi

  local served=false
  if hook_server_available; then
    served=true
    start_hook_server "$java_default"
  fi
  local kept_ours=() kept_served=() kept_floor=() lost_ours=() lost_served=() lost_floor=() date=1767603600
  cd "$rewritten"
  for ((i = -3; i < rewrite_runs; i++)); do   # three warm-up rounds, not counted
    timed kept_floor git rev-list "$base..$kept_tip"
    if $served; then
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed kept_served "$entire" hooks git post-rewrite rebase \
        < "$dir/kept.list"
    fi
    ENTIRE_JAVA=$java_default timed kept_ours "$entire" hooks git post-rewrite rebase < "$dir/kept.list"
    check_relinked "$rewritten" "$base" "$lost_tip" 0

    if $served; then
      git update-ref HEAD "$lost_tip"
      GIT_COMMITTER_DATE="$((date += 1)) +0000" ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on \
        timed lost_served "$entire" hooks git post-rewrite rebase < "$dir/lost.list"
      check_relinked "$rewritten" "$base" "$lost_tip" 100
    fi
    git update-ref HEAD "$lost_tip"
    GIT_COMMITTER_DATE="$((date += 1)) +0000" ENTIRE_JAVA=$java_default \
      timed lost_ours "$entire" hooks git post-rewrite rebase < "$dir/lost.list"
    check_relinked "$rewritten" "$base" "$lost_tip" 100
    git update-ref HEAD "$lost_tip"
    GIT_COMMITTER_DATE="$((date += 1)) +0000" \
      timed lost_floor "$bench/floor-reword.sh" "$rewritten" "$base" < "$dir/lost.list"
    check_relinked "$rewritten" "$base" "$lost_tip" 100
    git update-ref HEAD "$lost_tip"
    if [ "$i" -lt 0 ]; then
      kept_ours=() kept_served=() kept_floor=() lost_ours=() lost_served=() lost_floor=()
    fi
  done
  cd "$root"
  rm -rf "$dir"
  local floor_ms ours_ms
  floor_ms=$(median_ms "${kept_floor[@]}")
  if $served; then
    floor_row "post-rewrite, 100-commit rebase, trailers kept (hook server on ${label_default%%,*})" \
      "$floor_ms" "$(median_ms "${kept_served[@]}")" 3
  fi
  ours_ms=$(median_ms "${kept_ours[@]}")
  row "post-rewrite, 100-commit rebase, trailers kept ($label_default, reference)" "$floor_ms ms" "$ours_ms ms" \
    "$(ratio "$ours_ms" "$floor_ms")" "-" info
  floor_ms=$(median_ms "${lost_floor[@]}")
  if $served; then
    floor_row "post-rewrite, 100-commit rebase, every trailer lost (hook server on ${label_default%%,*})" \
      "$floor_ms" "$(median_ms "${lost_served[@]}")" 3
  fi
  floor_row "post-rewrite, 100-commit rebase, every trailer lost ($label_default)" "$floor_ms" \
    "$(median_ms "${lost_ours[@]}")" 3
}

# linked_commits <count>: a git fast-import stream of that many commits on branch feature, from main, each changing a
# file of its own and linked to a checkpoint of its own by its trailer.
linked_commits() {
  local i message
  for ((i = 1; i <= $1; i++)); do
    message=$(printf 'Change %d of the contains rewrite\n\nEntire-Checkpoint: %012x\n' "$i" $((0xa1b2c3d40000 + i)))
    printf 'commit refs/heads/feature\ncommitter Bench <bench@example.com> %d +0000\n' $((1767603600 + i))
    printf 'data %d\n%s\n' $((${#message} + 1)) "$message"
    [ "$i" -gt 1 ] || printf 'from refs/heads/main^0\n'
    printf 'M 100644 inline changes/change%d.txt\ndata %d\nchange %d\n\n' "$i" $((${#i} + 8)) "$i"
  done
}

# linked_count <repo> <base> <tip>: how many commits from base to tip carry an Entire-Checkpoint trailer.
linked_count() {
  git -C "$1" log --format='%(trailers:key=Entire-Checkpoint,valueonly)' "$2..$3" | grep -c . || true
}

# check_relinked <repo> <base> <tip before> <linked>: HEAD's history from base has that many linked commits (and moved
# when they are linked again).
check_relinked() {
  local head
  head=$(git -C "$1" rev-parse HEAD)
  if [ "$(linked_count "$1" "$2" "$head")" -ne "$4" ] || { [ "$4" -gt 0 ] && [ "$head" = "$3" ]; }; then
    echo "bench: after post-rewrite, $4 commits should be linked in $1; see $1/.entire/logs" >&2
    exit 1
  fi
}

# Light hooks with many sessions (issue 26): repositories holding the state of 1, 100 and 500 sessions, as a
# repository collects them over weeks: the session whose turn is under way (the light hooks' own), three idle ones with
# steps, a tenth idle without steps and the rest ended. user-prompt-submit, prepare-commit-msg (which links the staged
# file), commit-msg and post-commit (of a commit that links no checkpoint, which moves no session) through the hook
# server, interleaved across the repositories; each may cost at most 1.5x its one-session figure.
many_session_counts=(1 100 500)
bench_many_sessions() {
  if ! hook_server_available; then
    echo "bench: no hook client; the many-session rows are left out" >&2
    return
  fi
  echo "bench: light hooks with ${many_session_counts[*]} sessions ($hook_runs runs, through the hook server)" >&2
  local count verbs=(user-prompt-submit prepare-commit-msg commit-msg post-commit) verb i
  for count in "${many_session_counts[@]}"; do
    many_sessions_repo "$count"
  done
  # The first hooks a server serves (it warms up before it listens), in the one-session repository, after each of a
  # few restarts (one sample each: enough of them for a median), against the same hooks once more after them. Each
  # after a pause of 0.1 s, as hooks come in use: after an idle moment any process runs slower on these machines
  # (git rev-parse 1.35 -> 1.93 ms, a served commit-msg 1.97 -> 3.34, medians of 30 with and without the pause), so
  # the rounds below, which run hooks back to back, give a reference figure only.
  local restarts r pause=0.1
  restarts=$($quick && echo 2 || echo 5)
  for verb in "${verbs[@]}"; do
    local -a "first_${verb//-/_}=()" "again_${verb//-/_}=()"
  done
  for ((r = 0; r < restarts; r++)); do
    restart_hook_server "$java_default"
    cd "$work/sessions-1"
    for verb in "${verbs[@]}"; do
      sleep "$pause"
      run_many_session_hook "first_${verb//-/_}" "$verb"
    done
    for verb in "${verbs[@]}"; do
      sleep "$pause"
      run_many_session_hook "again_${verb//-/_}" "$verb"
    done
  done
  for count in "${many_session_counts[@]}"; do
    for verb in "${verbs[@]}"; do
      local -a "many_${count}_${verb//-/_}=()"
    done
  done
  local turn
  for ((i = -2; i < hook_runs; i++)); do   # two warm-up rounds, not counted
    for turn in 0 1 2; do   # each round starts at another repository: none always runs first
      count=${many_session_counts[$(((i + 2 + turn) % 3))]}
      cd "$work/sessions-$count"
      for verb in "${verbs[@]}"; do
        run_many_session_hook "many_${count}_${verb//-/_}" "$verb"
      done
    done
    if [ "$i" -lt 0 ]; then
      for count in "${many_session_counts[@]}"; do
        for verb in "${verbs[@]}"; do
          local -n samples="many_${count}_${verb//-/_}"
          samples=()
          unset -n samples
        done
      done
    fi
  done
  cd "$root"
  local one_ms ms again_ms
  for verb in "${verbs[@]}"; do
    local -n one="many_1_${verb//-/_}"
    one_ms=$(median_ms "${one[@]}")
    unset -n one
    local -n first="first_${verb//-/_}" again="again_${verb//-/_}"
    ms=$(median_ms "${first[@]}")
    again_ms=$(median_ms "${again[@]}")
    unset -n first again
    local after_start="first after the hook server starts" on="1 session, ${label_default%%,*}"
    row "$(hook_label "$verb"), $after_start, floor: the same hook once more, each after a ${pause} s pause ($on)" \
      "$again_ms ms" "$ms ms" "$(ratio "$ms" "$again_ms")" "<= 1.5x floor" \
      "$(at_most "$ms" "$(awk -v f="$again_ms" 'BEGIN { printf "%.1f", 1.5 * f }')" && echo true || echo false)"
    row "$(hook_label "$verb"), $after_start, against later ones back to back ($on, reference)" "$one_ms ms" \
      "$ms ms" "$(ratio "$ms" "$one_ms")" "-" info
    for count in "${many_session_counts[@]:1}"; do
      local -n samples="many_${count}_${verb//-/_}"
      ms=$(median_ms "${samples[@]}")
      unset -n samples
      row "$(hook_label "$verb"), $count sessions, floor: 1 session (hook server on ${label_default%%,*})" \
        "$one_ms ms" "$ms ms" "$(ratio "$ms" "$one_ms")" "<= 1.5x floor" \
        "$(at_most "$ms" "$(awk -v f="$one_ms" 'BEGIN { printf "%.1f", 1.5 * f }')" && echo true || echo false)"
    done
  done
}

# run_many_session_hook <array> <verb>: times one served hook in the current repository (a sessions-<count> one).
run_many_session_hook() {
  local dir=$PWD
  case $2 in
    user-prompt-submit)
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "$1" "$entire" hooks claude-code user-prompt-submit \
        < "$dir.prompt.json" ;;
    prepare-commit-msg)
      printf 'Use strings.Contains\n' > "$dir.msg"
      ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "$1" "$entire" hooks git prepare-commit-msg "$dir.msg" \
        message
      if [ -z "$(git interpret-trailers --parse < "$dir.msg")" ]; then
        echo "bench: prepare-commit-msg did not link the message in $dir; see $dir/.entire/logs" >&2
        exit 1
      fi ;;
    commit-msg) ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "$1" "$entire" hooks git commit-msg "$dir.msg" ;;
    post-commit) ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "$1" "$entire" hooks git post-commit ;;
  esac
}

# many_sessions_repo <count>: $work/sessions-<count>, an enabled repository with a staged file and the state of that
# many sessions. Three real sessions recorded by the hooks give the shapes (an idle one with a step, an idle one
# without, an ended one); the others are copies of them under ids of their own.
many_sessions_repo() {
  local count=$1 dir=$work/sessions-$1 fixture
  fixture=$(ls "$root"/testdata/claude-code/*.jsonl | head -n 1)
  new_repo "$dir"
  mkdir -p "$repo/.entire"
  printf '{"enabled": true}\n' > "$repo/.entire/settings.json"
  local states=$repo/.git/entire-sessions shape stepped=5e550000-0000-4000-8000-000000000001
  local idle=5e550000-0000-4000-8000-000000000002 ended=5e550000-0000-4000-8000-000000000003
  mkdir -p "$work/many-templates"
  if [ "$count" -gt 1 ]; then
    for shape in "$stepped" "$idle" "$ended"; do
      many_session_payload "$repo" "$shape" /dev/null UserPromptSubmit > "$dir.shape.json"
      (cd "$repo" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code user-prompt-submit < "$dir.shape.json")
      [ "$shape" = "$stepped" ] && printf 'package contains\n' > "$repo/contains_$count.go"
      place_transcript "$repo" "$shape" "$fixture"
      many_session_payload "$repo" "$shape" "$CLAUDE_CONFIG_DIR/projects/${repo//[^A-Za-z0-9]/-}/$shape.jsonl" Stop \
        > "$dir.shape.json"
      (cd "$repo" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code stop < "$dir.shape.json")
      if [ "$shape" = "$ended" ]; then
        (cd "$repo" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code session-end < "$dir.shape.json")
      fi
      mv "$states/$shape.json" "$work/many-templates/$shape.json"
    done
    if ! grep -q '"number": 1' "$work/many-templates/$stepped.json" \
        || ! grep -q '"phase": *"ended"' "$work/many-templates/$ended.json"; then
      echo "bench: the session shapes were not recorded as expected; see $repo/.entire/logs" >&2
      exit 1
    fi
    local n id
    for ((n = 1; n < count; n++)); do
      id=$(printf '5e55%04x-0000-4000-8000-%012x' "$count" "$n")
      if [ "$n" -le 3 ]; then
        shape=$stepped
      elif [ "$n" -le $((count / 10)) ]; then
        shape=$idle
      else
        shape=$ended
      fi
      # The copies share their shape's transcript.
      sed "s/\"session_id\": \"$shape\"/\"session_id\": \"$id\"/" "$work/many-templates/$shape.json" \
        > "$states/$id.json"
    done
    rm -f "$states"/5e550000-*
  fi
  printf 'package main\n' > "$repo/main.go"   # staged, so that prepare-commit-msg has a commit to link
  git -C "$repo" add main.go
  many_session_payload "$repo" "$session_1mb" /dev/null UserPromptSubmit > "$dir.prompt.json"
  (cd "$repo" && ENTIRE_JAVA=$java_default "$entire" hooks claude-code user-prompt-submit < "$dir.prompt.json")
  if [ "$(ls "$states"/*.json | wc -l)" -ne "$count" ]; then
    echo "bench: $states should hold $count session states" >&2
    exit 1
  fi
}

# many_session_payload <repo> <session> <transcript> <event>
many_session_payload() {
  printf '{"session_id":"%s","transcript_path":"%s","cwd":"%s","hook_event_name":"%s","prompt":"%s"}\n' \
    "$2" "$3" "$1" "$4" "Use strings.Contains"
}

# Light hooks of the other agents (issue 20): each agent's session start and turn start with the hook server on, fed
# that agent's recorded payloads (testdata/agents/<agent>/hooks) with their paths rewritten to a repository of the
# bench, its transcript placed where the agent's locator looks for it, interleaved with the light rows' floor. Every
# round starts the session afresh (its state removed) and checks that turn start recorded it. A hook the hook client
# does not hand to the server runs in a JVM of its own, and its row says so. Budget as Claude Code's light hooks.
bench_agents() {
  if ! hook_server_available; then
    echo "bench: no hook client; the agents' rows are left out" >&2
    return
  fi
  echo "bench: light hooks of codex, gemini, copilot-cli and opencode ($hook_runs runs, hook server on)" >&2
  local agents=(codex gemini copilot-cli opencode) kinds=(start first turn back) agent kind i floor=()
  for agent in "${agents[@]}"; do
    agent_repo "$agent"
    for kind in "${kinds[@]}"; do
      local -a "agent_${kind}_${agent//-/_}=()"
    done
  done
  start_hook_server "$java_default"
  for ((i = -2; i < hook_runs; i++)); do   # two warm-up rounds, not counted
    cd "$work/agents/codex/repo"
    timed floor git rev-parse HEAD
    for agent in "${agents[@]}"; do
      run_agent_hooks "$agent"
    done
    if [ "$i" -lt 0 ]; then
      floor=()
      for agent in "${agents[@]}"; do
        for kind in "${kinds[@]}"; do
          local -n samples="agent_${kind}_${agent//-/_}"
          samples=()
          unset -n samples
        done
      done
    fi
  done
  cd "$root"
  local floor_ms verbs how
  floor_ms=$(median_ms "${floor[@]}")
  for agent in "${agents[@]}"; do
    read -r -a verbs <<< "${agent_verbs[$agent]}"
    how="hook server on ${label_default%%,*}"
    agent_row "$agent" "${verbs[0]}" "$how" "$floor_ms" start
    agent_row "$agent" "${verbs[1]}" "$how" "$floor_ms" turn
    agent_row "$agent" "${verbs[1]}" "$how" "$floor_ms" back "at once after another, "
    agent_row "$agent" "${verbs[1]}" "$how" "$floor_ms" first "starting the session, "
  done
}

# agent_row <agent> <verb> <how> <floor ms> <kind> [<what>]: the row of one kind of timing (run_agent_hooks); the
# kinds named by <what> are for reference. A served hook's budget is issue 26's 5 ms, one the client does not serve
# keeps the 40 ms of a JVM of its own.
agent_row() {
  local -n samples="agent_${5}_${1//-/_}"
  local ms how=$3 limit=5
  ms=$(median_ms "${samples[@]}")
  if ! served_by_client "$1" "$2"; then
    how="hook server on, not served: a JVM of its own (${label_default%%,*}, the commands' cache)" limit=40
  fi
  if [ -n "${6:-}" ]; then
    row "light hook $1 $2 ${6}$how (reference)" "$4 ms" "$ms ms" "$(ratio "$ms" "$4")" "-" info
  else
    row "light hook $1 $2, $how" "$4 ms" "$ms ms" "$(ratio "$ms" "$4")" "p50 <= $limit ms" \
      "$(at_most "$ms" "$limit" && echo true || echo false)"
  fi
  unset -n samples
}

# served_by_client <agent> <verb>: true when bin/entire hands that hook to the server; as the bare client (its name
# entire-hook-client) it answers 124 for one it leaves to a JVM of its own before it looks for a server.
served_by_client() {
  local status=0
  ln -sf "$root/bin/entire" "$work/entire-hook-client"
  "$work/entire-hook-client" "$work/no-such.sock" hooks "$1" "$2" < /dev/null >/dev/null 2>&1 || status=$?
  [ "$status" -ne 124 ]
}

# Each agent's session-start and turn-start verbs, the recorded payloads of them and of its turn end, and the session
# they name.
declare -A agent_verbs=([codex]="session-start user-prompt-submit" [gemini]="session-start before-agent"
  [copilot-cli]="session-start user-prompt-submitted" [opencode]="session-start turn-start")
declare -A agent_payloads=(
  [codex]="codex/hooks/01-SessionStart.json codex/hooks/02-UserPromptSubmit.json codex/hooks/04-Stop.json"
  [gemini]="gemini/hooks/00-SessionStart.json gemini/hooks/01-BeforeAgent.json gemini/hooks/12-AfterAgent.json"
  [copilot-cli]="copilot/hooks/01-sessionStart.json copilot/hooks/02-userPromptSubmitted.json \
    copilot/hooks/07-agentStop.json"
  [opencode]="opencode/hooks/01-session-start.json opencode/hooks/02-turn-start.json opencode/hooks/03-turn-end.json")
declare -A agent_sessions=([codex]=01a242ef-8f49-7880-9740-3cf34e06dc87 [gemini]=179019dc-a79b-40a7-965d-af9f402bfeb6
  [copilot-cli]=0b4607ed-dadd-4953-90df-369a1da59dbd [opencode]=ses_dbc3a8c5fffeco05BmpuiqE8pK)

# agent_repo <agent>: $work/agents/<agent>/repo, an enabled repository with a staged file, the agent's recorded
# transcript where its locator looks (under the agent's home, which run.sh points into $work) and the recorded
# payloads rewritten to it in $work/agents/<agent>/{start,turn,end}.json. The folder is named repo, as in the
# recordings, so that Gemini CLI's project folder (named after the work tree) keeps its recorded name.
agent_repo() {
  local agent=$1 dir=$work/agents/$1 data=$root/testdata/agents payloads
  rm -rf "$dir"
  mkdir -p "$dir"
  new_repo "$dir/repo"
  mkdir -p "$repo/.entire"
  printf '{"enabled": true}\n' > "$repo/.entire/settings.json"
  printf 'package main\n' > "$repo/main.go"
  git -C "$repo" add main.go
  local rewrite=()
  case $agent in
    codex)
      mkdir -p "$CODEX_HOME/sessions/2026/12/04"
      cp "$data"/codex/rollout-*.jsonl "$CODEX_HOME/sessions/2026/12/04/"
      rewrite=(-e "s|/tmp/cx/home/.codex|$CODEX_HOME|g" -e "s|/tmp/cx/repo|$repo|g") ;;
    gemini)
      mkdir -p "$GEMINI_CLI_HOME/.gemini/tmp/repo/chats"
      cp "$data/gemini/chats/session-2026-12-04T21-21-179019dc.after-turn-1.jsonl" \
        "$GEMINI_CLI_HOME/.gemini/tmp/repo/chats/session-2026-12-04T21-21-179019dc.jsonl"
      rewrite=(-e "s|/tmp/gem/run1/home|$GEMINI_CLI_HOME|g" -e "s|/tmp/gem/run1/repo|$repo|g") ;;
    copilot-cli)
      mkdir -p "$COPILOT_HOME/session-state"
      cp -r "$data/copilot/session-state/${agent_sessions[$agent]}" "$COPILOT_HOME/session-state/"
      rewrite=(-e "s|/tmp/cpr/home/.copilot|$COPILOT_HOME|g" -e "s|/tmp/cpr/repo|$repo|g") ;;
    opencode)
      mkdir -p "$repo/.entire/tmp"
      cp "$data/opencode/session-at-turn-1-start.json" "$repo/.entire/tmp/${agent_sessions[$agent]}.json"
      rewrite=(-e "s|/tmp/oc-rec/repo|$repo|g") ;;
  esac
  read -r -a payloads <<< "${agent_payloads[$agent]}"
  sed "${rewrite[@]}" "$data/${payloads[0]}" > "$dir/start.json"
  sed "${rewrite[@]}" "$data/${payloads[1]}" > "$dir/turn.json"
  sed "${rewrite[@]}" "$data/${payloads[2]}" > "$dir/end.json"
  if grep -q '"/tmp/' "$dir/start.json" "$dir/turn.json" "$dir/end.json"; then
    echo "bench: a recorded path was left in $dir/{start,turn,end}.json" >&2
    exit 1
  fi
}

# run_agent_hooks <agent>: one round of the agent's light hooks, each timed into its kind's array. The session
# starts afresh (its state removed): session start only answers the agent ("start"); the first turn start creates the
# session's state ("first"). Then a turn start in the running session ("turn"), as Claude Code's user-prompt-submit row
# times it: once the previous prompt's after-reply snapshot is written. Last, a turn start at once after another
# ("back"), which waits for that snapshot. Every turn start must leave the session's state and its snapshot, or the row
# would time a hook that recorded nothing.
run_agent_hooks() {
  local dir=$work/agents/$1 verbs state snapshot
  read -r -a verbs <<< "${agent_verbs[$1]}"
  cd "$dir/repo"
  state=$dir/repo/.git/entire-sessions/${agent_sessions[$1]}.json
  snapshot=$dir/repo/.git/entire-sessions/${agent_sessions[$1]}.turn-start.index
  rm -f "$state"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "agent_start_${1//-/_}" "$entire" hooks "$1" "${verbs[0]}" \
    < "$dir/start.json"
  run_agent_turn_start "$1" "$snapshot" "agent_first_${1//-/_}"
  if [ ! -s "$state" ]; then
    echo "bench: $1 ${verbs[1]} recorded no session state ($state); see $dir/repo/.entire/logs" >&2
    exit 1
  fi
  run_agent_turn_start "$1" "$snapshot" "agent_turn_${1//-/_}"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on "$entire" hooks "$1" "${verbs[1]}" < "$dir/turn.json" >/dev/null
  run_agent_turn_start "$1" "$snapshot" "agent_back_${1//-/_}"
}

# run_agent_turn_start <agent> <snapshot file> <array>: times the agent's turn start, then waits for the work-tree
# snapshot it takes after answering (the file is removed first, so only this turn's snapshot ends the wait).
run_agent_turn_start() {
  local dir=$work/agents/$1 verbs
  read -r -a verbs <<< "${agent_verbs[$1]}"
  rm -f "$2"
  ENTIRE_JAVA=$java_default ENTIRE_HOOK_SERVER=on timed "$3" "$entire" hooks "$1" "${verbs[1]}" < "$dir/turn.json"
  wait_for_file "$2"
}

# attach of a 1 MB transcript into a fresh repository, against a script that makes the same git writes with plumbing.
bench_attach() {
  echo "bench: attach 1 MB ($attach_runs runs, interleaved with the floor)" >&2
  local blobs=$work/attach-blobs i id
  mkdir -p "$work/attach" "$blobs"
  # One real attach gives the floor the exact objects to write.
  new_repo "$work/attach/prepare"
  place_transcript "$repo" "$session_1mb" "$work/transcripts/1mb.jsonl"
  (cd "$repo" && ENTIRE_JAVA=$java_default "$entire" attach "$session_1mb" --force >/dev/null)
  id=$(head_checkpoint "$repo")
  save_checkpoint_blobs "$repo" "$id" "$blobs"

  local ours=() floor=()
  for ((i = -1; i < attach_runs; i++)); do
    new_repo "$work/attach/ours"
    place_transcript "$repo" "$session_1mb" "$work/transcripts/1mb.jsonl"
    cd "$repo"
    ENTIRE_JAVA=$java_default timed ours "$entire" attach "$session_1mb" --force
    cd "$root"
    new_repo "$work/attach/floor"
    timed floor "$bench/floor-checkpoint.sh" "$repo" "$blobs" "$id" "$session_1mb" --link-head
    if [ "$i" -lt 0 ]; then
      ours=() floor=()
    fi
  done
  rm -rf "$work/attach"
  floor_row "attach --force, 1 MB transcript, fresh repo ($label_default)" "$(median_ms "${floor[@]}")" \
    "$(median_ms "${ours[@]}")" 3
}

bench_list_and_explain() {
  echo "bench: checkpoint list / explain over 10,000 checkpoints" >&2
  cd "$work/store-10k"
  local listed id
  listed=$(ENTIRE_JAVA=$java_default "$entire" checkpoint list | wc -l)
  if [ "$listed" -lt 10000 ]; then
    echo "bench: checkpoint list printed $listed lines, expected 10000" >&2
    exit 1
  fi
  local floor=() text=() json=() explain=() i
  for ((i = -1; i < list_runs; i++)); do
    timed floor "$bench/floor-list.sh" .
    ENTIRE_JAVA=$java_default timed text "$entire" checkpoint list
    ENTIRE_JAVA=$java_default timed json "$entire" checkpoint list --json
    if [ "$i" -lt 0 ]; then
      floor=() text=() json=()
    fi
  done
  id=$(git log -1 --format='%(trailers:key=Entire-Checkpoint,valueonly)' main | head -n 1)
  for ((i = -1; i < explain_runs; i++)); do
    ENTIRE_JAVA=$java_default timed explain "$entire" explain "$id"
    if [ "$i" -lt 0 ]; then
      explain=()
    fi
  done
  cd "$root"
  # The floor (git reading the same blobs) is for reference; the budget is absolute.
  local ms floor_ms
  floor_ms=$(median_ms "${floor[@]}")
  ms=$(median_ms "${text[@]}")
  row "checkpoint list, 10,000 checkpoints ($label_default)" "$floor_ms ms" "$ms ms" "$(ratio "$ms" "$floor_ms")" \
    "<= 1000 ms" "$(at_most "$ms" 1000 && echo true || echo false)"
  ms=$(median_ms "${json[@]}")
  row "checkpoint list --json, 10,000 checkpoints ($label_default)" "$floor_ms ms" "$ms ms" \
    "$(ratio "$ms" "$floor_ms")" "<= 1000 ms" "$(at_most "$ms" 1000 && echo true || echo false)"
  ms=$(median_ms "${explain[@]}")
  row "explain <id>, one of 10,000 checkpoints ($label_default)" "-" "$ms ms" "-" "<= 100 ms" \
    "$(at_most "$ms" 100 && echo true || echo false)"
}

# bench_migrate <refs|v2> <count> [growth base ms]: migrates fresh copies of the store of that size and reruns each
# (a no-op), interleaved with the floor (git fast-import of the same objects, bench/floor-migrate.sh) in other copies.
# Sets $migrate_ms to our median, for the growth row.
bench_migrate() {
  local layout=$1 count=$2 store=$work/store-$(($2 / 1000))k label
  label=$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$count")
  echo "bench: migrate --checkpoints $layout, $label checkpoints ($migrate_runs runs)" >&2
  local stream=$work/floor-$layout-$count.stream
  "$bench/floor-migrate.sh" "$layout" "$store" > "$stream"
  local ours=() floor=() same=() rerun=() i same_stream=$work/same-$layout-$count.stream
  rm -f "$same_stream"
  for ((i = -1; i < migrate_runs; i++)); do
    rm -rf "$work/migrate"
    mkdir -p "$work/migrate"
    cp -a "$store" "$work/migrate/floor"
    [ -f "$same_stream" ] && cp -a "$store" "$work/migrate/same"
    cp -a "$store" "$work/migrate/ours"
    sync   # the copies' writeback would otherwise land in whichever timing comes first
    timed floor git -C "$work/migrate/floor" fast-import --quiet <"$stream"
    sync   # each timing's writeback would otherwise land in the next one
    if [ -f "$same_stream" ]; then
      GLIBC_TUNABLES=$fast_import_tunables timed same git -C "$work/migrate/same" fast-import --quiet <"$same_stream"
      sync
    fi
    cd "$work/migrate/ours"
    ENTIRE_JAVA=$java_default timed ours "$entire" migrate --checkpoints "$layout"
    ENTIRE_JAVA=$java_default timed rerun "$entire" migrate --checkpoints "$layout"
    cd "$root"
    if [ "$i" -lt 0 ]; then
      ours=() floor=() same=() rerun=()
      # v2 only: the refs layout has one ref per checkpoint, and listing 10,000 trees one by one takes minutes.
      if [ "$layout" = v2 ]; then
        "$java_default" "$bench/src/SameObjectsStream.java" "$work/migrate/ours" "$store" refs/entire/checkpoints/v2/ \
          > "$same_stream"
      fi
    fi
  done
  rm -rf "$work/migrate"
  migrate_ms=$(median_ms "${ours[@]}")
  floor_row "migrate --checkpoints $layout, $label checkpoints ($label_default)" "$(median_ms "${floor[@]}")" \
    "$migrate_ms" 3
  if [ "${#same[@]}" -gt 0 ]; then
    # Our fast-import runs with glibc's heap trimming raised (FastImport.mallocSettings), which speeds any
    # fast-import up several times; this row compares with git writing exactly our objects that way.
    local same_ms
    same_ms=$(median_ms "${same[@]}")
    row "migrate --checkpoints $layout, $label: fast-import of the objects it wrote, same malloc setting (reference)" \
      "$same_ms ms" "$migrate_ms ms" "$(ratio "$migrate_ms" "$same_ms")" "-" info
  fi
  local rerun_ms
  rerun_ms=$(median_ms "${rerun[@]}")
  row "migrate --checkpoints $layout, no-op rerun over $label ($label_default)" "-" "$rerun_ms ms" "-" "<= 1000 ms" \
    "$(at_most "$rerun_ms" 1000 && echo true || echo false)"
}

# bench_migrations: both layouts' migrations of 1,000 checkpoints and, unless quick, of 10,000 and the growth between.
bench_migrations() {
  local layout small_ms
  for layout in refs v2; do
    bench_migrate "$layout" 1000
    if ! $quick; then   # the quick run stops at 1,000 checkpoints
      small_ms=$migrate_ms
      bench_migrate "$layout" 10000
      growth_row "$layout" "$small_ms" "$migrate_ms"
    fi
  done
}

# growth_row <layout> <ms for 1,000> <ms for 10,000>: 10x the checkpoints may cost at most 11x the time.
growth_row() {
  local growth
  growth=$(awk -v a="$3" -v b="$2" 'BEGIN { printf "%.1f", a / b }')
  row "migrate --checkpoints $1, time for 10,000 / time for 1,000" "-" "${growth}x" "-" "<= 11x" \
    "$(at_most "$growth" 11 && echo true || echo false)"
}

# bench_push: 1,000 queued checkpoint refs (a refs migration of the 1,000 store queues them) pushed to a fresh local
# bare remote by entire checkpoint push, interleaved with git push of the same refspecs to another fresh one.
bench_push() {
  echo "bench: push 1,000 queued refs ($push_runs runs)" >&2
  local migrated=$work/push-migrated
  rm -rf "$migrated"
  cp -a "$work/store-1k" "$migrated"
  (cd "$migrated" && ENTIRE_JAVA=$java_default "$entire" migrate --checkpoints refs >/dev/null)
  mkdir -p "$migrated/.entire"   # after a migration users move the setting to the ref store, whose queue is pushed
  printf '{"strategy_options": {"checkpoint_store": "refs-v1"}}\n' > "$migrated/.entire/settings.json"
  local refspecs=() ref
  while read -r ref; do
    refspecs+=("$ref:$ref")
  done < <(git -C "$migrated" for-each-ref --format='%(refname)' refs/entire/checkpoints/)
  if [ "${#refspecs[@]}" -ne 1000 ]; then
    echo "bench: the migration made ${#refspecs[@]} refs, expected 1000" >&2
    exit 1
  fi
  local ours=() floor=() i first=-1
  $quick && first=0   # each round copies the repository twice and pushes 1,000 refs twice: a smoke check skips the warm-up
  for ((i = first; i < push_runs; i++)); do
    rm -rf "$work/push"
    mkdir -p "$work/push"
    cp -a "$migrated" "$work/push/ours"
    cp -a "$migrated" "$work/push/floor"
    git init -q --bare "$work/push/ours.git"
    git init -q --bare "$work/push/floor.git"
    sync
    timed floor git -C "$work/push/floor" push --quiet "$work/push/floor.git" "${refspecs[@]}"
    sync   # the floor's writeback would otherwise land in our timing
    cd "$work/push/ours"
    ENTIRE_JAVA=$java_default timed ours "$entire" checkpoint push "$work/push/ours.git"
    cd "$root"
    if [ "$(git -C "$work/push/ours.git" for-each-ref refs/entire/checkpoints/ | wc -l)" -ne 1000 ]; then
      echo "bench: entire checkpoint push did not push the 1000 refs" >&2
      exit 1
    fi
    if [ "$i" -lt 0 ]; then
      ours=() floor=()
    fi
  done
  rm -rf "$work/push" "$migrated"
  floor_row "checkpoint push, 1,000 queued refs to a local bare remote ($label_default)" \
    "$(median_ms "${floor[@]}")" "$(median_ms "${ours[@]}")" 1.5
}

# attach of a 50 MB transcript with the heap capped at 256 MB: must succeed; reports the peak resident set.
# Redaction alone, for reference: the 50 MB transcript through the redactor three times in one JVM (the median round;
# bench/src/RedactorThroughput.java), so a change in the hooks' times can be told apart from one in the redactor's.
# The packed-size row: a session of 50 commits whose transcript grows to 20 MB, each commit checkpointed by attach
# (the same redaction, compact transcript and v1 write as a post-commit) and packed as after a post-commit
# (`entire pack-checkpoints`, docs/storage.md), then measured as a user finds it after git's own `git gc` (auto gc
# repacks with the same window and depth); `--aggressive` for reference. The floor is the
# final transcript gzipped: what one copy of it costs, so the budget says the 50 copies delta-compress.
# bench_pack_size <store>: `branch` (the v1 branch) or `refs-v1` (one ref per checkpoint, each transcript at the same
# path), since git's delta search groups objects by the end of their paths.
bench_pack_size() {
  echo "bench: packed size of a 50-commit session growing to 20 MB ($1)" >&2
  local transcript=$work/transcripts/20mb.jsonl generator=$bench/src/GenerateTranscript.java lines i folder
  mkdir -p "$work/transcripts"
  if [ ! -f "$transcript" ] || [ "$generator" -nt "$transcript" ]; then
    "$java_default" "$generator" 20000000 "$session_20mb" "$transcript" "$root"/testdata/claude-code/*.jsonl
  fi
  lines=$(wc -l < "$transcript")
  new_repo "$work/pack-size"
  if [ "$1" != branch ]; then
    mkdir -p "$repo/.entire"
    printf '{"strategy_options": {"checkpoint_store": "%s"}}\n' "$1" > "$repo/.entire/settings.json"
  fi
  folder=$CLAUDE_CONFIG_DIR/projects/${repo//[^A-Za-z0-9]/-}
  mkdir -p "$folder"
  for ((i = 1; i <= 50; i++)); do
    head -n $((lines * i / 50)) "$transcript" > "$folder/$session_20mb.jsonl"
    echo "$i" > "$repo/step.txt"
    git -C "$repo" add step.txt
    git -C "$repo" commit -q -m "Step $i"
    # The packer that attach starts in the background, run in the foreground so that the row waits for it.
    (cd "$repo" && ENTIRE_JAVA=$java_default ENTIRE_BACKGROUND_PACK=off "$entire" attach "$session_20mb" --force \
      >/dev/null && ENTIRE_JAVA=$java_default "$entire" pack-checkpoints)
  done
  git -C "$repo" gc -q
  local floor_kib packed_kib aggressive_kib
  floor_kib=$(($(gzip -c "$transcript" | wc -c) / 1024))
  packed_kib=$(git -C "$repo" count-objects -v | awk '/^size-pack:/ { print $2 }')
  git -C "$repo" gc -q --aggressive
  aggressive_kib=$(git -C "$repo" count-objects -v | awk '/^size-pack:/ { print $2 }')
  rm -rf "$work/pack-size" "$folder"
  row "packed size after git gc, 50 checkpoints of a session growing to 20 MB ($1)" "$floor_kib KiB (gzip)" \
    "$packed_kib KiB" "$(ratio "$packed_kib" "$floor_kib")" "<= 2x floor" \
    "$(at_most "$packed_kib" $((2 * floor_kib)) && echo true || echo false)"
  row "for reference: the same after git gc --aggressive ($1)" "$floor_kib KiB (gzip)" "$aggressive_kib KiB" \
    "$(ratio "$aggressive_kib" "$floor_kib")" "-" info
}

bench_redaction() {
  echo "bench: redaction throughput, 50 MB transcript" >&2
  local mb_per_s seconds redacted
  read -r mb_per_s seconds redacted < <("$java_default" -cp "$root/bin/entire.jar" \
    "$bench/src/RedactorThroughput.java" "$work/transcripts/50mb.jsonl")
  row "redaction of the 50 MB transcript, one warmed JVM" "-" \
    "$mb_per_s MB/s (${seconds} s, $redacted lines redacted)" "-" "-" info
}

bench_memory() {
  echo "bench: attach 50 MB with -Xmx256m ($memory_runs runs)" >&2
  local i peak=0 kb status=0 times=()
  for ((i = 0; i < memory_runs; i++)); do
    new_repo "$work/memory"
    place_transcript "$repo" "$session_50mb" "$work/transcripts/50mb.jsonl"
    cd "$repo"
    local start=$EPOCHREALTIME
    kb=$(ENTIRE_JAVA=$java_default ENTIRE_JAVA_OPTS=-Xmx256m peak_rss_kb "$entire" attach "$session_50mb" --force) \
      || status=$?
    times+=($((${EPOCHREALTIME/./} - ${start/./})))
    cd "$root"
    [ "$status" -eq 0 ] || break
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  rm -rf "$work/memory"
  if [ "$status" -ne 0 ]; then
    cat "$work/last.err" >&2
    row "attach --force, 50 MB transcript, -Xmx256m ($label_default)" "-" "failed (exit $status)" "-" \
      "succeeds with -Xmx256m" false
    return
  fi
  local rss_text
  rss_text=$([ "$peak" -gt 0 ] && echo "peak RSS $((peak / 1024)) MB" || echo "peak RSS not measurable here")
  row "attach --force, 50 MB transcript, -Xmx256m ($label_default)" "-" \
    "ok in $(median_ms "${times[@]}") ms, $rss_text" "-" "succeeds with -Xmx256m" true
}

# peak_rss_kb <command...>: runs it (output to last.err / nowhere) and prints its peak resident set in KB; 0 when the
# system offers no way to know. The launcher execs java, so the process measured is the JVM.
peak_rss_kb() {
  if /usr/bin/time --version 2>&1 | grep -q GNU; then
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>"$work/last.err" || return
    tail -n 1 "$work/rss"
  elif [ -r /proc/self/status ]; then
    "$@" >/dev/null 2>"$work/last.err" &
    local pid=$! high=0 value
    while kill -0 "$pid" 2>/dev/null; do
      value=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$value" ] && high=$value
      sleep 0.05
    done
    wait "$pid" || return
    echo "$high"
  else
    "$@" >/dev/null 2>"$work/last.err" || return
    echo 0
  fi
}

# --- results ---------------------------------------------------------------------------------------------------------

# runs_summary: how many runs each median is taken from.
runs_summary() {
  echo "medians of $hook_runs runs (light hooks), $heavy_runs (heavy hooks), $large_runs (20,000-file repo)," \
    "$rewrite_runs (post-rewrite), $attach_runs (attach)," \
    "$list_runs (list), $explain_runs (explain), $migrate_runs (migrate), $push_runs (push);" \
    "memory: $memory_runs run(s)"
}

load_average() {
  cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load averages*: //'
}

# write_results <table> <seconds> <load at start>
write_results() {
  local cpu memory build policy
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || sysctl -n machdep.cpu.brand_string)
  memory=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
  build=$(sed -n 's/^ENTIRE_BUILD="\(.*\)"$/\1/p' "$root/bin/entire.release")
  policy=$(chrt -p $$ 2>/dev/null | sed -n '1s/.*: //p')   # other work on the machine shows less under SCHED_FIFO
  {
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/run.sh\` (full run) on $(date -u '+%Y-%m-%d %H:%M UTC'), build $build; the run took $2 s."
    echo "$(runs_summary). Floors are measured in the same run, interleaved with ours."
    echo "Budgets: DESIGN.md \"Performance\"."
    echo
    echo "- Machine: $(nproc) cores, $memory RAM, $cpu; $(uname -sr)"
    echo "- Load average (1, 5, 15 min): $3 at the start, $(load_average) at the end;" \
      "scheduling policy of the run: ${policy:-unknown}"
    echo "- JDKs: ${label_new:-none} (\`$java_new\`), ${label_old:-none} (\`$java_old\`)"
    echo "- $(git --version)"
    echo
    echo "$1"
    echo
    echo "Where the run's time went (seconds of each group of rows, preparation and input generation):"
    echo
    echo "$4"
  } > "$bench/RESULTS.md"
}
