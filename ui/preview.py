"""Link previews: the title and description a shared link shows in Outlook or Teams.

Streamlit serves the same HTML for every URL, titled "Streamlit", so a pasted link
previewed as "Streamlit". `PreviewMiddleware` (installed by dashboard.py) rewrites that
first HTML response with the view's own title and a one-line description, from the
path and the query string, checked against known pages, areas and indicators.
"""

from __future__ import annotations

import html
from urllib.parse import parse_qs

from indicators.areas import default_areas
from indicators.catalogue import default_catalogue

SITE = "Dorset locality outcomes"


def view_preview(path: str, query: str) -> tuple[str, str]:
    """(title, description) for a page path and query string; unknown values are ignored, never echoed."""
    from ui.navigation import page_specs  # after Streamlit has started

    catalogue, areas = default_catalogue(), default_areas()
    params = {k: v[0].strip().lower() for k, v in parse_qs(query).items() if v}
    slug = path.strip("/") or "overview"
    spec = next((s for s in page_specs() if s.url_path == slug), None)
    page = spec.title if spec else "Overview"
    area_id = params.get("locality", "dorset")
    area = "All of Dorset" if area_id == "dorset" or area_id not in areas else areas[area_id].name
    indicator = catalogue.indicators.get(params.get("indicator", ""))
    if spec and spec.module == "pages.priority" and indicator and indicator.priority == spec.key:
        title = f"{indicator.title}: {area} | {SITE}"
        description = (
            f"{page}: {indicator.title.lower()} in {area}, with its trend, the plan's baseline and comparisons."
        )
    elif spec is None or spec.key == "overview":
        title = f"How is {area} doing? | {SITE}"
        description = (
            f"The plan's seven priorities for {area}: latest figures, change since the plan started and trends."
        )
    else:
        title = f"{page}: {area} | {SITE}"
        description = f"{page} for {area}, from Dorset's Strategic Alliance for Children, Young People and Families."
    return title, description


class PreviewMiddleware:
    """ASGI middleware: put the view's title and description into the HTML Streamlit serves for a page."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        path = scope.get("path", "") if scope.get("type") == "http" else ""
        if (
            scope.get("method") != "GET"
            or path.startswith(("/_stcore", "/static", "/media", "/component"))
            or "." in path.rsplit("/", 1)[-1]
        ):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        # Ask for the page uncompressed, so its HTML can be read and rewritten (it is a few kilobytes).
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message) -> None:  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            encoded = any(k.lower() == b"content-encoding" for k, _ in headers)
            if not encoded and any(k.lower() == b"content-type" and b"text/html" in v for k, v in headers):
                body = _with_preview(body, *view_preview(path, query))
            await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


def _with_preview(body: bytes, title: str, description: str) -> bytes:
    text = body.decode("utf-8")
    safe_title, safe_description = html.escape(title), html.escape(description)
    meta = (
        f'<meta name="description" content="{safe_description}">'
        f'<meta property="og:title" content="{safe_title}">'
        f'<meta property="og:description" content="{safe_description}">'
    )
    text = text.replace("<title>Streamlit</title>", f"<title>{safe_title}</title>{meta}", 1)
    return text.encode("utf-8")
