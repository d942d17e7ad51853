"""Dorset locality outcome indicators: the domain, with no user interface.

Catalogue, areas, extracts, statistics, disclosure control, assessments and the
DuckDB warehouse. Nothing here imports Streamlit; the pages in `pages/` only lay out
what these modules return.
"""
