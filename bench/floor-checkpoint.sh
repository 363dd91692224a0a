#!/usr/bin/env bash
# The floor for writing one checkpoint of one session, as "entire attach" and the post-commit condensation write it:
# the git writes done by a shell script with git plumbing and no other work (no redaction, no transcript parsing).
# The blobs are the ones a real run stored. Then what follows the write: attach links HEAD to the checkpoint (as
# "git commit --amend" would), the condensation deletes the session's shadow branch.
# usage: floor-checkpoint.sh <repo> <blob-dir> <checkpoint-id> <session-id> (--link-head | --delete-ref <ref>)
set -euo pipefail
cd "$1"
blobs=$2
id=$3
session=$4
shard=${id:0:2}
rest=${id:2}

read -r -d '' full compact prompt hash session_metadata root_metadata < <(git hash-object -w "$blobs/full.jsonl" \
  "$blobs/transcript.jsonl" "$blobs/prompt.txt" "$blobs/content_hash.txt" "$blobs/session-metadata.json" \
  "$blobs/metadata.json") || true
slot=$(printf '100644 blob %s\t%s\n' "$hash" content_hash.txt "$full" full.jsonl "$session_metadata" metadata.json \
  "$prompt" prompt.txt "$compact" transcript.jsonl | git mktree)
folder=$(printf '040000 tree %s\t0\n100644 blob %s\tmetadata.json\n' "$slot" "$root_metadata" | git mktree)
shard_tree=$(printf '040000 tree %s\t%s\n' "$folder" "$rest" | git mktree)
root=$(printf '040000 tree %s\t%s\n' "$shard_tree" "$shard" | git mktree)

# The branch does not exist yet: an empty first commit, as the Go implementation writes it, then the checkpoint.
empty=$(git mktree </dev/null)
init=$(git commit-tree -m "Initialize sessions branch" "$empty")
commit=$(git commit-tree -p "$init" -m "Checkpoint: $id" -m "Entire-Session: $session
Entire-Strategy: manual-commit
Entire-Agent: Claude Code" "$root")
git update-ref refs/heads/entire/checkpoints/v1 "$commit" ""

case $5 in
  --link-head)
    head=$(git rev-parse HEAD)
    { read -r tree; read -r parents; message=$(cat); } < <(git log -1 --format='%T%n%P%n%B' "$head")
    parent_args=()
    for parent in $parents; do
      parent_args+=(-p "$parent")
    done
    amended=$(git commit-tree "${parent_args[@]}" -m "$message" -m "Entire-Checkpoint: $id" "$tree")
    git update-ref -m "commit (amend): link checkpoint" HEAD "$amended" "$head"
    ;;
  --delete-ref)
    git update-ref -d "$6"
    ;;
  *)
    echo "floor-checkpoint.sh: the fifth argument is --link-head or --delete-ref <ref>" >&2
    exit 2
    ;;
esac
