# shellcheck shell=bash
# How long each part of a run takes (sourced by bench/run.sh after the row files): the full run must fit 15 minutes
# on 2 cores, and this says where its time goes. time_groups wraps every group of rows (bench_*), the inputs'
# preparation (prepare_*, train_caches) and the big inputs' generators (generate_*) so that each call notes its
# length; group_lengths prints those of a second or more, a call inside another one indented under it.

group_lengths_noted=()   # "depth|name|seconds", in the order the calls began
group_depth=0

# time_groups: wraps the functions defined so far whose names say they are a group, a preparation or a generator.
time_groups() {
  local name
  for name in $(compgen -A function | grep -E '^(bench_|prepare_|generate_|train_caches$)'); do
    eval "untimed_$(declare -f "$name")"
    eval "$name() { timed_group $name \"\$@\"; }"
  done
}

# timed_group <name> <args...>: runs untimed_<name> with the arguments and notes how long it took.
timed_group() {
  # Prefixed: the wrapped function sees these locals, and may set a variable of its caller's of the same name.
  local group_name=$1 group_start=$EPOCHREALTIME group_entry=${#group_lengths_noted[@]} group_seconds
  shift
  group_lengths_noted+=("")   # its place, before the calls it makes
  group_depth=$((group_depth + 1))
  "untimed_$group_name" "$@"
  group_depth=$((group_depth - 1))
  group_seconds=$(awk -v a="$group_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  group_lengths_noted[group_entry]="$group_depth|$group_name${1:+ $*}|$group_seconds"
}

# group_lengths: one line per call of a second or more, "name: seconds", indented two spaces per level of nesting.
group_lengths() {
  local entry depth name seconds
  for entry in "${group_lengths_noted[@]}"; do
    IFS='|' read -r depth name seconds <<< "$entry"
    if ! at_most "$seconds" 0.9; then
      printf '%*s- %s: %s s\n' $((depth * 2)) '' "$name" "$seconds"
    fi
  done
}
