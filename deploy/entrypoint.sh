#!/bin/sh
# Start one replica. /srv/warehouse holds versioned warehouse files and `current.duckdb`,
# a link to the one being served (see publish-warehouse.sh). On first start it is given
# the warehouse built into the image.
set -eu
mkdir -p /srv/warehouse
if [ ! -e /srv/warehouse/current.duckdb ]; then
  cp /app/shipped/warehouse.duckdb /srv/warehouse/warehouse-image.duckdb
  ln -s warehouse-image.duckdb /srv/warehouse/current.duckdb
fi
exec python -m streamlit run dashboard.py --server.port 8501 --server.address 0.0.0.0 --server.headless true
