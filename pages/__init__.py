"""Page layouts. Each module has a `render()` that lays out one page from `ui` and `indicators`."""
