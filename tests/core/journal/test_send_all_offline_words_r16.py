"""What "send all now" says in an outage (helper R16's store review: "0 levererade, 0 att försöka igen, 0 behöver
åtgärd, 0 konflikter (Engage offline)" told the manager neither that nothing is lost nor what happens next)."""

from __future__ import annotations

from pos_engage.core.journal.replayer import ReplayReport


def test_nothing_sent_in_an_outage_says_nothing_is_lost_and_that_the_queue_goes_by_itself():
    said = ReplayReport(offline=True).summary()
    assert "nothing was sent" in said and "Nothing is lost" in said and "once Engage answers" in said
    assert said.endswith("(Engage offline)")   # the queue view clears the line once Engage answers (by its stamp)


def test_a_round_cut_short_by_an_outage_gives_its_figures_and_the_same_promise():
    said = ReplayReport(offline=True, delivered=2, retrying=1).summary()
    assert said.startswith("2 delivered, 1 to retry") and "nothing is lost" in said and "once it answers" in said


def test_online_rounds_are_said_as_before():
    assert ReplayReport(delivered=3).summary() == "3 delivered, 0 to retry, 0 need attention, 0 conflicts"

