# Sourced by the bench scripts: timed CMD... runs a command under /usr/bin/time and sets $elapsed (s) and $rss (MiB).
# Exit 1 (documents rejected) is fine; anything else stops the script. Needs $work (a scratch folder).
timed() {
  local status=0
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null || status=$?
  [ "$status" -le 1 ] || { echo "failed ($status): $*" >&2; exit 1; }
  read -r elapsed rss < "$work/time"
  rss=$((rss / 1024))
}
