"""A source's page says that the text it shows, which the « Pourquoi ? » quotes cite, is the text as read."""

from __future__ import annotations

import pytest
from web_fixture import app_on_fixture

HTML = {"Accept": "text/html"}


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


@pytest.mark.parametrize("lang, said", [
    ("fr", "Le texte tel que Maillage l&#39;a lu, que citent les «\u00a0Pourquoi ?\u00a0»"),
    ("en", "The text as Maillage read it, which the «\u00a0Why?\u00a0» quotes cite")])
def test_the_source_text_is_said_to_be_the_text_as_read_with_its_stamps_gathered_at_the_end(client, lang, said):
    page = client.get(f"/id/source/deliberation-txt?lang={lang}", headers=HTML).get_data(as_text=True)
    section = page[page.index('<div class="source-text">') - 600:page.index('<div class="source-text">')]
    assert said in section and "«\u00a0[Tampon de la préfecture]\u00a0»" in section
