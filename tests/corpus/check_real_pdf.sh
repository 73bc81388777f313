#!/usr/bin/env bash
# The real publisher PDFs with the JATS of the same article as truth ($CORPUS/real/pdf-jats): captions, pages and whole-figure images.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/score_sets.sh"
score_pdf_set real-pdf "$CORPUS/real/pdf-jats/truth.json" "$here/floors/real_pdf.json"
