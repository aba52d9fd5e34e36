"""A deck's handout: 1920 × 1080 PNG slides and one 16:9 PDF with title, map, legend, finding, source and licence."""

from __future__ import annotations

import io

import pypdf
import pytest
from PIL import Image

from callbacks.context import EXTENSION_KEY
from geodata import classify as cls
from geodata import deck as decks
from geodata import handout
from geodata.deck import Deck, Slide
from presenters import handout as presenter
from presenters.urls import Urls

from .test_callbacks import app  # noqa: F401  (the grid's app)

MAP = Slide("?ds=grid&ind=lowinc&year=2020", "Låg standard 2020", "Rutstaden i siffror.")
CHANGE = Slide("?ds=grid&ind=lowinc&year=2022&mode=change&year2=2020", "Förändring 2020–2022", "")
COMPARE = Slide("?ds=grid&ind=lowinc&year=2022&mode=compare&year2=2020", "Två år sida vid sida", "")
BROKEN = Slide("?ds=grid&ind=lowinc&year=1999", "Ett år som inte finns", "")
DECK = Deck("Kommunstyrelsen $12 maj", (MAP, CHANGE, COMPARE, BROKEN))
CODE = decks.encode(DECK)


@pytest.fixture(scope="module")
def services(app):
    svc = app.server.extensions[EXTENSION_KEY]
    return svc.store, svc.settings


def pixels(png: bytes) -> tuple[Image.Image, dict[str, int]]:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = {"#%02x%02x%02x" % rgb: n for n, rgb in image.getcolors(maxcolors=1 << 20)}
    return image, counts


def pdf_text(body: bytes) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return reader, [" ".join(page.extract_text().split()) for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_slide_is_1920_by_1080_with_the_shown_years_class_colours_in_proportion(services):
    st, settings = services
    drawing = presenter.slide_drawing(st, settings, MAP, "sv")
    (panel,) = drawing.maps
    png = handout.slide_png(drawing)
    image, counts = pixels(png)
    assert image.size == (1920, 1080)
    fills = panel.polygons["fill"].tolist()
    classes = [entry for entry in panel.legend if not entry.no_data]
    per_area = []
    for entry in classes:
        areas = fills.count(entry.colour.lower())
        assert areas == int(entry.count.split()[0]), "the legend counts the areas drawn in its colour"
        if areas:
            assert counts.get(entry.colour.lower(), 0) > 0, f"{entry.label} is missing from the picture"
            per_area.append(counts[entry.colour.lower()] / areas)
    # Equal squares: every class colour covers about the same number of pixels per area (legend swatches aside).
    assert max(per_area) / min(per_area) < 1.25, per_area


def test_a_suppressed_area_is_drawn_in_the_no_data_colour_not_a_class_colour(services):
    st, settings = services
    drawing = presenter.slide_drawing(st, settings, MAP, "sv")
    (panel,) = drawing.maps
    fill = dict(zip(panel.polygons["area_id"], panel.polygons["fill"]))
    class_colours = {e.colour.lower() for e in panel.legend if not e.no_data}
    assert fill["d01"] == cls.NO_DATA_COLOUR and fill["d01"] not in class_colours  # suppressed in 2020
    assert all(colour in class_colours for area, colour in fill.items() if area != "d01")
    no_data_row = [e for e in panel.legend if e.no_data]
    assert len(no_data_row) == 1 and no_data_row[0].colour == cls.NO_DATA_COLOUR
    _, counts = pixels(handout.slide_png(drawing))
    one_area = min(counts[c] for c in class_colours if c in counts) / 4  # 16 squares in five classes
    assert counts[cls.NO_DATA_COLOUR] > one_area / 2, "the suppressed square is grey"


def test_change_and_compare_slides_draw_their_own_maps(services):
    st, settings = services
    change = presenter.slide_drawing(st, settings, CHANGE, "en")
    (panel,) = change.maps
    assert panel.year == "2020–2022" and "(" in panel.legend_title
    # The change legend: its classes, then one row per no-data reason.
    assert any(e.no_data for e in panel.legend) and sum(1 for e in panel.legend if not e.no_data) >= 1
    assert set(panel.polygons["fill"]) <= {e.colour for e in panel.legend}
    _, counts = pixels(handout.slide_png(change))
    assert all(counts.get(c, 0) for c in set(panel.polygons["fill"])), "every change colour is drawn"
    compare = presenter.slide_drawing(st, settings, COMPARE, "sv")
    assert [m.year for m in compare.maps] == ["2022", "2020"]
    assert Image.open(io.BytesIO(handout.slide_png(compare))).size == (1920, 1080)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pdf_has_a_16_9_page_per_slide_with_its_texts(services, lang):
    st, settings = services
    drawings = presenter.deck_drawings(st, settings, DECK, lang)
    reader, pages = pdf_text(handout.deck_pdf(drawings, DECK.title))
    assert len(pages) == len(DECK.slides)
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) / float(box.height) == pytest.approx(16 / 9)
    for drawing, text in zip(drawings, pages):
        assert flat(drawing.title) in text
        assert f"{DECK.title} ·" in text, "text from data is plain: a $ starts no maths"
        if drawing.maps:
            for part in (drawing.finding, drawing.source, drawing.licence):
                assert part and flat(part) in text, part
    source = "Källa: Test" if lang == "sv" else "Source: Test"
    assert source in pages[0] and "CC0 1.0" in pages[0]
    word = {"sv": "högst", "en": "highest"}[lang]
    assert word in pages[0], "the finding is in the handout's language"


def test_a_broken_slide_shows_its_message_in_both_languages_and_the_others_keep_their_maps(services):
    st, settings = services
    drawings = presenter.deck_drawings(st, settings, DECK, "sv")
    broken = drawings[3]
    assert not broken.maps
    swedish, english = broken.message.split("\n")
    assert broken.title == "Ett år som inte finns" and "1999" in swedish and "1999" in english
    assert swedish.startswith("Bilden visar år") and english.startswith("The slide shows 1999")
    assert all(d.maps for d in drawings[:3])
    _, pages = pdf_text(handout.deck_pdf(drawings))
    assert "Bilden visar år 1999" in pages[3] and "The slide shows 1999" in pages[3]
    gone = [Slide("?ds=nosuch&ind=lowinc"), Slide("?ds=grid&ind=nosuch"), Slide("?ds=grid&level=nosuch"),
            Slide("?ds=grid&ind=lowinc&year=2030"), Slide("?ds=grid&ind=lowinc")]
    found = [presenter.slide_view(st, settings, s.view, "en").problems for s in gone]
    assert [len(p) for p in found] == [2, 2, 2, 2, 0], "each problem in English, then Swedish"
    assert "nosuch" in found[0][0] and "2030" in found[3][0] and "2030" in found[3][1]


def test_file_names_are_ascii_in_the_handouts_language():
    assert presenter.handout_filename(Deck("Kommunstyrelsen 12 maj", DECK.slides), "sv", "png", 2) \
        == "kommunstyrelsen-12-maj_presentation_bild-2.png"
    assert presenter.handout_filename(Deck("", DECK.slides), "en", "pdf") == "presentation.pdf"


def post(app, **fields):
    return app.server.test_client().post(Urls().handout(), data=fields)


def test_route_answers_the_pdf_and_a_slides_png_as_attachments(app):
    response = post(app, deck=CODE, lang="en", format="pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="kommunstyrelsen-12-maj_presentation.pdf"'
    assert response.headers["Cache-Control"] == "no-store"
    _, pages = pdf_text(response.data)
    assert len(pages) == 4 and "Source: Test" in pages[0]
    response = post(app, deck=CODE, lang="sv", format="png", slide="2")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert 'filename="kommunstyrelsen-12-maj_presentation_bild-2.png"' in response.headers["Content-Disposition"]
    assert Image.open(io.BytesIO(response.data)).size == (1920, 1080)


@pytest.mark.parametrize("fields", [
    {"deck": "not a deck!", "format": "pdf"},
    {"deck": "", "format": "pdf"},
    {"format": "png", "slide": "1"},
    {"deck": CODE, "format": "svg"},
    {"deck": CODE, "format": "png", "slide": "0"},
    {"deck": CODE, "format": "png", "slide": "5"},
    {"deck": CODE, "format": "png", "slide": "２"},
    {"deck": CODE, "format": "png", "slide": "-1"},
    {"deck": decks.encode(Deck("x", (Slide("?ds=grid"),)))[:-3], "format": "pdf"},
])
def test_route_refuses_bad_input_with_one_line(app, fields):
    response = post(app, lang="en", **fields)
    assert response.status_code == 400
    assert response.mimetype == "text/plain" and response.data.decode().count("\n") == 1


def test_route_refuses_an_oversize_body_and_other_sites(app):
    response = post(app, deck="A" * (decks.MAX_CODE + 10_000), format="pdf")
    assert response.status_code == 413 and response.data.decode().count("\n") == 1
    client = app.server.test_client()
    response = client.post(Urls().handout(), data={"deck": CODE},
                           headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert client.get(Urls().handout()).status_code in (404, 405)
