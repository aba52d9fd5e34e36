"""Catalog strings of a deck's handout (PNG and PDF slides) and of the route that makes it.

A slide whose data is gone says so with the presentation view's own texts (``present.missing_*``).
"""

STRINGS: dict[str, dict[str, str]] = {
    "handout.broken_title": {"sv": "Bilden kan inte visas", "en": "This slide cannot be shown"},
    "handout.file": {"sv": "presentation", "en": "presentation"},
    "handout.file_slide": {"sv": "bild", "en": "slide"},
    "handout.error.deck": {"sv": "Presentationen går inte att läsa: {reason}",
                           "en": "The presentation cannot be read: {reason}"},
    "handout.error.format": {"sv": "Okänt format: välj pdf eller png.", "en": "Unknown format: choose pdf or png."},
    "handout.error.slide": {"sv": "Bild nummer {slide} finns inte: presentationen har {total} bilder.",
                            "en": "There is no slide number {slide}: the presentation has {total} slides."},
    "handout.error.too_large": {"sv": "Förfrågan är för stor (högst {limit} byte).",
                                "en": "The request is too large (at most {limit} bytes)."},
    "handout.error.cross_site": {"sv": "Utskrifter görs bara från Segregationsatlas egna sidor.",
                                 "en": "Handouts are made only from Segregation Atlas's own pages."},
}
