#!/usr/bin/env bash
# The floor for the stop hook that records a step: the git work of its snapshot done by a shell script with git
# plumbing (no transcript parsing, no status): the work tree as the turn found it written as a tree from a copy of
# the scratch index the prompt staged, the work tree staged again and compared with it, the turn's files and the
# files of the session's step folder (metadata.json, prompt.txt) as blobs, HEAD's tree with them added, a commit on
# HEAD with the step's trailers, the shadow branch created.
# usage: floor-stop.sh <repo> <shadow ref> <session-id> <step folder> <turn-start index> <file...>
set -euo pipefail
cd "$1"
branch=$2
session=$3
step_folder=$4
turn_start=$5
shift 5
metadata_files=("$step_folder"/*)
metadata_paths=("${metadata_files[@]/#"$step_folder"\//.entire/metadata/$session/}")

scratch=$(mktemp)
cp "$turn_start" "$scratch"
start_tree=$(GIT_INDEX_FILE=$scratch git write-tree)
GIT_INDEX_FILE=$scratch git add --all
GIT_INDEX_FILE=$scratch git diff-index --cached --raw -z --no-renames --no-abbrev "$start_tree" > /dev/null
rm -f "$scratch"

index=$(mktemp)
trap 'rm -f "$index"' EXIT
export GIT_INDEX_FILE=$index
git read-tree HEAD
{
  git hash-object -w "$@" "${metadata_files[@]}" | paste - <(printf '%s\n' "$@" "${metadata_paths[@]}") \
    | sed 's/^/100644 /'
} | git update-index --index-info
tree=$(git write-tree)
commit=$(git commit-tree -p HEAD -m "Use strings.Contains" -m "Entire-Metadata: .entire/metadata/$session
Entire-Session: $session
Entire-Strategy: manual-commit" "$tree")
git update-ref "$branch" "$commit" ""
