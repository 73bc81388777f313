#!/usr/bin/env bash
# PDF figures and tables: parse every PDF the truth file lists, then score captions, pages and boxes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/score_sets.sh"
score_pdf_set pdf "$CORPUS/pdf/truth.json" "$here/floors/pdf.json"
