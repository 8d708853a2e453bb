"""A web page's furniture: what a site puts around every page (menus, breadcrumb, cookie banner, share buttons,
links to other news, the site footer), as readers of web text (readability, trafilatura) leave it out.
None of it is the document's own text, and its short link lines read like list items."""
from __future__ import annotations

import re

from bs4 import Tag

SKIP = frozenset({"script", "style", "noscript", "template", "head", "nav", "footer"})
"""Elements never read: code, the page head, navigation and the site footer."""
ROLES = frozenset({"navigation", "contentinfo", "search", "dialog", "alertdialog"})
"""ARIA roles of the same furniture (a cookie banner is a dialog)."""
FURNITURE_CLASS = re.compile(r"(?:^|[-_\s])(?:breadcrumbs?|brødsmule\w*|brodsmule\w*|cookies?\w*|samtykke|relatert\w*|"
                             r"related|share|sharing|social|some|del|deling|skip\w*|consent\w*)(?:$|[-_\s])", re.IGNORECASE)
"""Class or id words of the same furniture: "breadcrumb", "cookie-banner", "consent", "relatert", "del" (share),
"skiplink"."""


def without_furniture(soup: Tag) -> Tag:
    """``soup`` with every furniture element removed, wherever it sits (a menu inside a page header too)."""
    for tag in soup.find_all(is_furniture):
        if not tag.decomposed:
            tag.decompose()
    return soup


def is_furniture(tag: Tag) -> bool:
    """True for an element that is page furniture: by name (:data:`SKIP`), ARIA role (:data:`ROLES`), the site's
    banner (a page header outside the main content holding no h1), or a class or id word (:data:`FURNITURE_CLASS`)."""
    if tag.name in SKIP or str(tag.get("role", "")).lower() in ROLES:
        return True
    if (tag.name == "header" or tag.get("role") == "banner") and not tag.find("h1") \
            and not tag.find_parent(["main", "article"]):
        return True  # the site's banner (logo, menu, search), not an article's own header
    words = " ".join([*tag.get("class", []), str(tag.get("id", ""))])
    return bool(words.strip()) and bool(FURNITURE_CLASS.search(words))
