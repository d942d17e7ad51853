#!/bin/sh
# Start one replica. /srv/warehouse holds versioned warehouse files and `current.duckdb`,
# a link to the one being served (see publish-warehouse.sh). On first start it is given
# the serving copy built into the image. The replica only serves: DASHBOARD_SERVE_ONLY=1.
set -eu
mkdir -p /srv/warehouse
if [ ! -e /srv/warehouse/current.duckdb ]; then
  # Named to sort before any published version, so a rollback never lands on it by surprise.
  cp /app/shipped/warehouse.duckdb /srv/warehouse/warehouse-00000000T000000Z-image.duckdb
  ln -s warehouse-00000000T000000Z-image.duckdb /srv/warehouse/current.duckdb
fi
exec python -m streamlit run dashboard.py --server.port 8501 --server.address 0.0.0.0 --server.headless true
