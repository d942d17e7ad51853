#!/bin/sh
# Put a newly built warehouse in front of readers without a moment of a half-copied file:
#   deploy/publish-warehouse.sh NEW.duckdb /srv/warehouse
# Copies it in under a versioned name, then swaps the `current.duckdb` link with one
# rename (atomic on one filesystem). Pages read the version once per run, so a reader
# sees the old figures or the new, never a mix. Run it for each replica's folder (or once
# for a folder they share). Old versions can be removed once no reader is on them.
set -eu
new="$1"
folder="$2"
version="warehouse-$(date -u +%Y%m%dT%H%M%SZ).duckdb"
cp "$new" "$folder/.$version.partial"
mv "$folder/.$version.partial" "$folder/$version"
ln -s "$version" "$folder/.current.duckdb.next"
mv -T "$folder/.current.duckdb.next" "$folder/current.duckdb"
echo "now serving $version"
