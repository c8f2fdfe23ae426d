"""Articles in another language than English: told apart from English copy, tables included,
and their capitalised words not made into people. Fixtures are written for these tests."""

from __future__ import annotations

import pytest

from digest_plugin.core.entities import Extractor
from digest_plugin.core.entities.language import other_language

GERMAN = (
    "Die Stadtwerke haben am Montag einen neuen Plan für die Versorgung vorgestellt. Nach Angaben "
    "der Geschäftsführung soll das Netz bis zum Ende des Jahres ausgebaut werden, weil die Nachfrage "
    "in den vergangenen Monaten stark gestiegen ist. Kommen Sie zur Versammlung, sagte eine Sprecherin, "
    "und Bereich Technik werde alle Fragen beantworten. Auch der Rat der Stadt will sich damit befassen."
)
PORTUGUESE = (
    "A prefeitura anunciou nesta segunda-feira um novo plano para o transporte da cidade. Segundo o "
    "secretário, as obras devem começar no próximo mês e vão durar cerca de um ano, com mais linhas de "
    "ônibus e uma nova estação no centro. Os moradores da região pediram mais informações sobre o projeto."
)
ENGLISH = (
    "The city council unveiled a new plan for the water network on Monday. According to the utility, "
    "the pipes will be replaced by the end of the year because demand has risen sharply over the past "
    "few months. Council leader Marta Ilves said residents would be told of every closure in advance."
)
EARNINGS_TABLE = "\n".join(
    ["Shr 41 cts vs 12 cts", "Net 3,412,000 vs 998,000", "Rev 51.2 mln vs 47.9 mln", "Avg shrs 8,300,000"] * 4
)


@pytest.mark.parametrize(("text", "language"), [
    (GERMAN, "de"), (PORTUGUESE, "pt"), (ENGLISH, None), (EARNINGS_TABLE, None), ("Kurz und gut.", None),
])
def test_the_language_an_article_reads_as(text, language):
    assert other_language(text) == language


def test_another_languages_capitalised_words_are_not_people_but_english_names_are():
    extractor = Extractor()
    german = extractor.extract("Neuer Plan", GERMAN, [])
    assert german.people == []
    english = extractor.extract("New plan", ENGLISH, [])
    assert [m.name for m in english.people] == ["Marta Ilves"]
