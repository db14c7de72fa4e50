"""What the library's ``maillage.*`` loggers say, as the command line prints it: on stderr, in the ``lang``
setting's language (a record's ``message_en`` under lang en), warnings and above only."""

from __future__ import annotations

import logging

import pytest

from webapp.cli_context import logs_said


@pytest.mark.parametrize("lang, said", [("fr", "maillage: base réparée\n"), ("en", "maillage: store repaired\n")])
def test_a_warning_of_a_maillage_logger_is_printed_in_the_command_s_language(capsys, lang, said):
    with logs_said(lang):
        logging.getLogger("maillage.store").warning("maillage: base réparée",
                                                    extra={"message_en": "maillage: store repaired"})
    assert capsys.readouterr().err == said


def test_a_record_without_an_english_version_and_an_info_are_printed_as_they_were(capsys):
    with logs_said("en"):
        logging.getLogger("maillage.store").warning("maillage: %s", "seul le français")
        logging.getLogger("maillage.writes").info("write {}")
    logging.getLogger("maillage.store").warning("after the command")
    assert capsys.readouterr().err == "maillage: seul le français\n"
