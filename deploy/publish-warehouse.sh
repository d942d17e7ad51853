#!/bin/sh
# Put a newly built warehouse in front of readers, never a damaged or half-copied one:
#
#   deploy/publish-warehouse.sh NEW.duckdb /srv/warehouse        publish NEW
#   deploy/publish-warehouse.sh --rollback /srv/warehouse        serve the version before the current one
#   deploy/publish-warehouse.sh --list /srv/warehouse            the versions kept, newest first
#
# NEW should be a serving copy (python -m indicators serving-copy): it holds only what
# pages read. It is checked (every table read in full) before and after it is copied in
# under a unique versioned name; then the `current.duckdb` link is swapped with one rename
# (atomic on one filesystem). Pages read the version once per run, so a reader sees the
# old figures or the new, never a mix. The newest KEEP versions (default 5) are kept for
# rolling back; older ones go. Run it for each replica's folder, or once for a shared one.
set -eu
here="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
KEEP="${KEEP:-5}"

sound() {  # the dashboard's own check: every table reads in full and has the rows written
  (cd "$here" && "$PYTHON" -m indicators check --sound-only --warehouse "$1" >/dev/null)
}

versions() {  # versioned files, newest first (their names start with the UTC time)
  ls -1 "$1" 2>/dev/null | grep '^warehouse-.*\.duckdb$' | sort -r || true
}

serve() {  # point current.duckdb at version $2 in folder $1, in one rename
  ln -sfn "$2" "$1/.current.duckdb.next"
  mv -T "$1/.current.duckdb.next" "$1/current.duckdb"
}

case "${1:-}" in
  --list)
    versions "$2"
    exit 0
    ;;
  --rollback)
    folder="$2"
    current="$(readlink "$folder/current.duckdb" || true)"
    previous="$(versions "$folder" | awk -v current="$current" 'found { print; exit } $0 == current { found = 1 }')"
    if [ -z "$previous" ]; then
      echo "No version older than ${current:-the current one} is kept in $folder: nothing to roll back to." >&2
      exit 1
    fi
    if ! sound "$folder/$previous"; then
      echo "$previous is damaged; not serving it." >&2
      exit 1
    fi
    serve "$folder" "$previous"
    echo "now serving $previous (rolled back from $current)"
    exit 0
    ;;
esac

if [ "$#" -ne 2 ]; then
  echo "usage: $0 NEW.duckdb FOLDER | --rollback FOLDER | --list FOLDER" >&2
  exit 2
fi
new="$1"
folder="$2"
if ! sound "$new"; then
  echo "Refusing to publish $new: it is damaged, truncated or not a warehouse (python -m indicators check --sound-only --warehouse $new says why)." >&2
  exit 1
fi
mkdir -p "$folder"
# Unique even for two publishes in the same second: the time, this process and a random part.
version="warehouse-$(date -u +%Y%m%dT%H%M%SZ)-$$-$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n').duckdb"
partial="$folder/.$version.partial"
trap 'rm -f "$partial"' EXIT
cp "$new" "$partial"
if ! sound "$partial"; then  # a full disk or a failing mount can cut the copy short
  echo "Refusing to publish: the copy of $new in $folder is damaged (is the disk full?). Still serving the previous version." >&2
  exit 1
fi
mv "$partial" "$folder/$version"
serve "$folder" "$version"
echo "now serving $version"
# Keep the newest KEEP versions, and always the one being served.
versions "$folder" | tail -n +"$((KEEP + 1))" | while read -r old; do
  if [ "$old" != "$version" ]; then rm -f "$folder/$old"; fi
done
