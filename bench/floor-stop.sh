#!/usr/bin/env bash
# The floor for the stop hook that records a step: the git writes of its snapshot done by a shell script with git
# plumbing (no transcript parsing, no status): the turn's files and the session's snapshot metadata as blobs, HEAD's
# tree with them added, a commit on HEAD, the shadow branch created.
# usage: floor-stop.sh <repo> <shadow ref> <session-id> <snapshot metadata.json> <file...>
set -euo pipefail
cd "$1"
branch=$2
session=$3
metadata=$4
shift 4

index=$(mktemp)
trap 'rm -f "$index"' EXIT
export GIT_INDEX_FILE=$index
git read-tree HEAD
{
  git hash-object -w "$@" "$metadata" | paste - <(printf '%s\n' "$@" ".entire/metadata/$session/metadata.json") \
    | sed 's/^/100644 /'
} | git update-index --index-info
tree=$(git write-tree)
commit=$(git commit-tree -p HEAD -m "Checkpoint step 1" -m "Entire-Session: $session
Entire-Strategy: manual-commit
Entire-Agent: Claude Code" "$tree")
git update-ref "$branch" "$commit" ""
