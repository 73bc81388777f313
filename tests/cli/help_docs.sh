#!/usr/bin/env bash
# Golden test of every subcommand's --help: docs/cli.md must be what tools/gen-cli-docs.sh prints now.
set -euo pipefail
bin=$1 src=$2
expected=$("$src/tools/gen-cli-docs.sh" "$bin")
if ! diff -u "$src/docs/cli.md" <(echo "$expected"); then
  echo "docs/cli.md is stale: run tools/gen-cli-docs.sh $bin > docs/cli.md" >&2
  exit 1
fi
