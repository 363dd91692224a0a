#!/usr/bin/env bash
# Benchmark harness (DESIGN.md "Performance"). Builds entire if the installed jar is missing or older than the sources,
# builds its inputs in bench/work/, times every operation against its floor in the same run (interleaved), prints one
# table of medians and exits 1 when a budget fails. A full run also rewrites bench/RESULTS.md.
#
#   bench/run.sh            full run: more repetitions (under 15 minutes on 2 cores)
#   bench/run.sh --quick    fewer repetitions (under a minute and a half once inputs and caches exist)
#   bench/run.sh --only many-sessions   those rows alone (with --quick: fewer repetitions); RESULTS.md is kept
#   bench/run.sh --only agents          the light hooks and turn ends of codex, gemini, copilot-cli and opencode alone
#   bench/run.sh --only pack-size       the packed-size rows alone (their input is cached in bench/work/)
#   bench/run.sh --only search-blame    the search and blame rows of issue 27 alone (as many-sessions)
#   bench/run.sh --only scale           100,000 files and 100,000 checkpoints (bench/scale.sh) alone
#   bench/run.sh --only big-repo        the 100,000-file repository's rows of bench/scale.sh alone
#   bench/run.sh --only light-hooks     the light and heavy hook rows alone (as above)
#   bench/run.sh --only long-sessions   the 70 MB transcript's stop and post-commit alone (as above)
#   bench/run.sh --only own-heavy       stop, post-commit and attach in a JVM of their own, and that JVM alone
#   bench/run.sh --only migrate         the migrations of 1,000 and 10,000 checkpoints and their growth alone
#
# Needs bash >= 5 (its microsecond clock), git, and the JDKs it compares: the newest JDK >= 25 and the newest JDK 17-24
# it finds (rows for a missing one are skipped). Timing is plain bash; peak memory comes from GNU time when present,
# else from /proc/<pid>/status.
set -euo pipefail
export LC_ALL=C   # EPOCHREALTIME uses the locale's decimal point

if [ -z "${EPOCHREALTIME:-}" ] || [ "${BASH_VERSINFO[0]}" -lt 5 ]; then
  echo "bench: needs bash >= 5 for its microsecond clock (EPOCHREALTIME); this is bash $BASH_VERSION" >&2
  exit 2
fi
quick=false only=""
usage="usage: bench/run.sh [--quick] [--only many-sessions | agents | pack-size | search-blame | scale | big-repo"
usage+=" | light-hooks | long-sessions | own-heavy | migrate]"
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --only)
      case ${2:-} in
        many-sessions | agents | pack-size | search-blame | scale | big-repo | light-hooks | long-sessions | own-heavy \
          | migrate)
          only=$2 ;;
        *) echo "$usage" >&2; exit 2 ;;
      esac
      shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done

root=$(cd "$(dirname "$0")/.." && pwd -P)
bench=$root/bench
work=$bench/work
entire=$root/bin/entire
began=$EPOCHREALTIME
mkdir -p "$work"
source "$bench/lib.sh"
source "$bench/agents-turn-end.sh"
source "$bench/search-blame.sh"
source "$bench/scale.sh"
source "$bench/lighthooks.sh"
source "$bench/long-sessions.sh"
source "$bench/ownheavy.sh"
source "$bench/run-length.sh"
time_groups

if $quick; then
  hook_runs=10 heavy_runs=3 large_runs=3 rewrite_runs=5 attach_runs=3 list_runs=2 explain_runs=5 migrate_runs=1
  push_runs=1 memory_runs=1
else
  hook_runs=30 heavy_runs=20 large_runs=10 rewrite_runs=20 attach_runs=10 list_runs=7 explain_runs=20 migrate_runs=3
  push_runs=5 memory_runs=2
fi

# Isolation: our own start-up caches, agents' homes and git configuration; nothing of the user's leaks in.
export XDG_CACHE_HOME=$work/cache CLAUDE_CONFIG_DIR=$work/claude ENTIRE_NO_TTY=1
export CODEX_HOME=$work/codex GEMINI_CLI_HOME=$work/gemini COPILOT_HOME=$work/copilot
export GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
unset ENTIRE_JAVA ENTIRE_JAVA_OPTS ENTIRE_STARTUP_CACHE JAVA_TOOL_OPTIONS _JAVA_OPTIONS JDK_JAVA_OPTIONS GLIBC_TUNABLES
# Every row measures a JVM started for the operation, except the hook server's rows, which turn it on themselves.
export ENTIRE_HOOK_SERVER=off
# The packer a checkpoint starts in the background (docs/storage.md) would compete with the rows that follow on two
# cores; the pack-size rows run it in the foreground.
export ENTIRE_BACKGROUND_PACK=off
trap stop_hook_servers EXIT
cat > "$GIT_CONFIG_GLOBAL" <<'EOF'
[user]
	name = Bench
	email = bench@example.com
[init]
	defaultBranch = main
[commit]
	gpgsign = false
EOF
load_at_start=$(load_average)

build_if_stale
find_jdks
if [ "$only" = pack-size ]; then
  bench_pack_size branch
  bench_pack_size refs-v1
  echo
  print_table
  echo "load average $load_at_start at the start, $(load_average) at the end"
  exit $((failures > 0))
fi
train_caches
if [ "$only" != "" ]; then
  # One group of rows, for work on them; RESULTS.md is left as the last full run wrote it.
  case $only in
    agents) bench_agents; bench_agents_turn_end ;;
    search-blame) bench_search; bench_blame ;;
    scale) bench_scale ;;
    big-repo) bench_scale_big_repo ;;
    light-hooks) bench_light_hooks ;;
    long-sessions) bench_long_sessions ;;
    own-heavy) bench_own_heavy ;;
    migrate) generate_store 1000; generate_store 10000; bench_migrations ;;
    *) bench_many_sessions ;;
  esac
  echo
  print_table
  echo "$(runs_summary); load average $load_at_start at the start, $(load_average) at the end"
  group_lengths
  [ "$failures" -eq 0 ] || { echo "bench: $failures budget(s) failed" >&2; exit 1; }
  exit 0
fi
prepare_jvm_reference
prepare_inputs

bench_hooks
bench_many_sessions
bench_agents
bench_heavy_hooks
bench_agents_turn_end
bench_long_sessions
bench_large_repo
bench_scale
bench_post_rewrite
bench_attach
bench_jvm_before_work
bench_list_and_explain
bench_search
bench_blame
bench_migrations
bench_push
bench_memory
bench_redaction
bench_pack_size branch
bench_pack_size refs-v1

elapsed=$(awk -v a="$began" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
table=$(print_table)
echo
echo "$table"
echo
echo "$(runs_summary); $($quick && echo quick || echo full) run, ${elapsed} s;" \
  "load average $load_at_start at the start, $(load_average) at the end"
group_lengths
if ! $quick; then
  write_results "$table" "$elapsed" "$load_at_start" "$(group_lengths)"
  echo "wrote bench/RESULTS.md"
fi
if [ "$failures" -gt 0 ]; then
  echo "bench: $failures budget(s) failed" >&2
  exit 1
fi
