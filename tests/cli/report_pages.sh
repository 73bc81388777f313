#!/usr/bin/env bash
# pubforge report and the dataset cards over data/samples and a generated corpus: sections, plots, gallery files, no broken link, YAML cards whose data_files exist.
set -euo pipefail
pubforge=$1; src=$2
py=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
command -v gnuplot > /dev/null || { echo "gnuplot is missing (tools/install-deps.sh installs gnuplot-nox)" >&2; exit 1; }

# run writes the report by default; the three samples hold two figures with stored images.
"$pubforge" -q run "$src/data/samples" -o "$work/samples"
"$py" "$src/tests/report/check_report.py" "$work/samples/report" 2
"$py" "$src/tests/export/check_cards.py" "$work/samples/exports"
"$pubforge" -q run "$src/data/samples" -o "$work/bare" --no-report --export none
[ ! -e "$work/bare/report" ] || { echo "--no-report wrote a report" >&2; exit 1; }

# report as its own command: same page for the same archive and options, a smaller gallery with --sample.
"$pubforge" -q report "$work/samples/archive.sqlite" -o "$work/again"
diff -r "$work/samples/report" "$work/again"
"$pubforge" -q report "$work/samples/archive.sqlite" -o "$work/one" --sample 1
"$py" "$src/tests/report/check_report.py" "$work/one" 1
# A folder that is not a report is refused (exit 3), and left alone.
mkdir "$work/mine"; echo keep > "$work/mine/notes.txt"
status=0; "$pubforge" -q report "$work/samples/archive.sqlite" -o "$work/mine" 2> "$work/err" || status=$?
[ "$status" -eq 3 ] && grep -q "report.output-not-empty" "$work/err" && [ -f "$work/mine/notes.txt" ]
# A report killed half-way (its in-progress marker, plots, no index.html yet) is cleared and written again.
mkdir -p "$work/killed/plots" && : > "$work/killed/.pubforge-report-in-progress" && echo half > "$work/killed/plots/years.svg"
"$pubforge" -q report "$work/samples/archive.sqlite" -o "$work/killed"
diff -r "$work/samples/report" "$work/killed"

# A generated corpus (bench/corpus/make_corpus): every article has compound figures.
make_corpus=$(dirname "$pubforge")/bench/make_corpus
if [ -x "$make_corpus" ]; then
  "$make_corpus" "$work/generated" 40 314 > /dev/null
  "$pubforge" -q run "$work/generated" -o "$work/gen" -j 2 --export pairs,mentions
  "$py" "$src/tests/report/check_report.py" "$work/gen/report" 24
  "$py" "$src/tests/export/check_cards.py" "$work/gen/exports"
else
  echo "skipped the generated corpus: $make_corpus is not built (PUBFORGE_BENCH=OFF)"
fi
echo "report pages ok"
