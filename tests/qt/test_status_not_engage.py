"""The status bar when something answers in Engage's place (a guest network's login page): it says so, with the
cause in its tooltip, until Engage itself answers again."""

from __future__ import annotations

import pytest

from pos_engage.core.engage.online import Connectivity
from pos_engage.core.errors import EngageImpostor

pytestmark = pytest.mark.gui


def test_the_status_bar_says_something_answers_instead_of_engage(qtbot, window, till):
    cause = ("Something between this till and Engage answers instead of Engage (a web page, status 200): check the "
             "Engage address, and whether this network needs a login or goes through a proxy")
    till.monitor.record_failure(EngageImpostor(cause, status=200, code="NotEngage"))
    window.bridge.refresh_status()
    assert till.monitor.state is Connectivity.NOT_ENGAGE
    assert "Something between this till and Engage answers instead of Engage" in window.connectivity_label.text()
    assert "a web page, status 200" in window.connectivity_label.toolTip()
    till.monitor.record_success()
    window.bridge.refresh_status()
    assert "Engage online" in window.connectivity_label.text()
