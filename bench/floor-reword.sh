#!/usr/bin/env bash
# The floor for the post-rewrite hook when every rewritten commit lost its Entire-Checkpoint trailer: its git work done
# by a shell script with git plumbing. The old and new commits read in one git log; HEAD's history from the rebase's
# base; each commit written anew with the trailer its old commit carried, on its rewritten parent, keeping its tree,
# author and author date (git commit-tree, one per commit, as the hook writes them); HEAD moved compare-and-swap.
# usage: floor-reword.sh <repo> <base> < <"old new" lines, as git hands them to post-rewrite>
set -euo pipefail
cd "$1"
base=$2

old=() new=()
while read -r before after _; do
  old+=("$before")
  new+=("$after")
done

declare -A ids=() lost=()
while IFS= read -r -d '' entry; do
  ids[${entry%%$'\n'*}]=${entry#*$'\n'}
done < <(printf '%s\n' "${old[@]}" "${new[@]}" | git log --no-walk=unsorted --stdin -z \
  --format='%H%n%(trailers:key=Entire-Checkpoint,valueonly,separator=%x20)')
for i in "${!new[@]}"; do
  [ -n "${ids[${new[$i]}]}" ] || lost[${new[$i]}]=${ids[${old[$i]}]}
done

head=$(git rev-parse HEAD)
declare -A rewritten=()
while IFS= read -r -d '' entry; do
  fields=() rest=$entry
  for _ in 1 2 3 4 5 6; do
    fields+=("${rest%%$'\n'*}")
    rest=${rest#*$'\n'}
  done
  commit=${fields[0]} tree=${fields[1]} parents=${fields[2]}
  message=${rest%$'\n'}
  if [ -n "${lost[$commit]:-}" ]; then
    message+=$'\n\nEntire-Checkpoint: '${lost[$commit]}
  fi
  args=()
  for parent in $parents; do
    args+=(-p "${rewritten[$parent]:-$parent}")
  done
  rewritten[$commit]=$(GIT_AUTHOR_NAME=${fields[3]} GIT_AUTHOR_EMAIL=${fields[4]} GIT_AUTHOR_DATE=${fields[5]} \
    git commit-tree "$tree" "${args[@]}" <<<"$message")
done < <(git rev-list --reverse "$base..$head" | git log --no-walk=unsorted --stdin -z --date=raw \
  --format='%H%n%T%n%P%n%an%n%ae%n%ad%n%B')
git update-ref -m "bench: link checkpoint" HEAD "${rewritten[$head]}" "$head"
