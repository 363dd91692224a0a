#!/usr/bin/env bash
# The floor for a post-commit that adds a checkpoint of a long session to the v1 branch when an earlier checkpoint
# already stored the transcript's first chunk: the git writes a shell script does with plumbing and no other work (no
# redaction, no parsing, no hashing of the transcript): the blobs that are new (the transcript's last chunk, the
# compact transcript, prompts, content hash, both metadata files) written, the first chunk taken by its id, the
# checkpoint's folder added to the branch's tree, a commit on the branch, the session's shadow branch deleted.
# usage: floor-long-checkpoint.sh <repo> <blob-dir> <checkpoint-id> <session-id> <first-chunk-id> <shadow ref>
set -euo pipefail
cd "$1"
blobs=$2
id=$3
session=$4
first_chunk=$5
shadow=$6
folder=${id:0:2}/${id:2}
branch=refs/heads/entire/checkpoints/v1

read -r -d '' last_chunk compact prompt hash session_metadata root_metadata < <(git hash-object -w \
  "$blobs/full.jsonl.001" "$blobs/transcript.jsonl" "$blobs/prompt.txt" "$blobs/content_hash.txt" \
  "$blobs/session-metadata.json" "$blobs/metadata.json") || true
index=$(mktemp)
trap 'rm -f "$index"' EXIT
export GIT_INDEX_FILE=$index
tip=$(git rev-parse "$branch")
git read-tree "$tip"
printf '100644 %s\t%s\n' "$first_chunk" "$folder/0/full.jsonl" "$last_chunk" "$folder/0/full.jsonl.001" \
  "$compact" "$folder/0/transcript.jsonl" "$prompt" "$folder/0/prompt.txt" "$hash" "$folder/0/content_hash.txt" \
  "$session_metadata" "$folder/0/metadata.json" "$root_metadata" "$folder/metadata.json" | git update-index --index-info
tree=$(git write-tree)
commit=$(git commit-tree -p "$tip" -m "Checkpoint: $id" -m "Entire-Session: $session
Entire-Strategy: manual-commit
Entire-Agent: Claude Code" "$tree")
git update-ref "$branch" "$commit" "$tip"
git update-ref -d "$shadow"
