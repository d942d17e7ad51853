"""Streamlit helpers shared by the pages: data access, the view in the URL, common blocks.

The domain lives in `indicators/`; this package only adapts it to Streamlit.
"""
