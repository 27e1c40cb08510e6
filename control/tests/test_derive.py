"""control.derive: periods from changes, contested and uncertain control."""

import datetime as dt

from control import derive

D = dt.date


def change(day, controller, *, end=None, place=1, disputed=False, event=None, obs=None):
    return derive.Change(
        place_id=place,
        start=day,
        end=end or day,
        precision="day" if end is None else "week",
        state=derive.HELD if controller else derive.UNKNOWN,
        controller_id=controller,
        actor_id=controller,
        disputed=disputed,
        event_id=event,
        observation_id=obs,
    )


def test_a_period_lasts_until_the_next_change_starts():
    periods = derive.periods_of(
        [change(D(2019, 7, 15), 2, event=11), change(D(2019, 7, 8), 1, event=10)]
    )[1]
    assert [(p.start, p.until, p.controller_id) for p in periods] == [
        (D(2019, 7, 8), D(2019, 7, 14), 1),
        (D(2019, 7, 15), None, 2),
    ]
    assert [p.event_ids for p in periods] == [[10], [11]]


def test_no_period_before_the_first_change():
    periods = derive.periods_of([change(D(2019, 7, 8), 1)])[1]
    assert derive.period_at(periods, D(2019, 7, 7)) is None
    assert derive.period_at(periods, D(2019, 7, 8)).controller_id == 1
    assert derive.period_at(periods, D(2030, 1, 1)).controller_id == 1


def test_changes_on_one_day_that_disagree_make_the_place_contested():
    periods = derive.periods_of(
        [change(D(2019, 7, 8), 1, event=10), change(D(2019, 7, 8), 2, obs=5)]
    )[1]
    (period,) = periods
    assert period.state == derive.CONTESTED
    assert period.controller_id is None
    assert (period.event_ids, period.observation_ids) == ([10], [5])


def test_changes_on_one_day_that_agree_are_one_period_with_both_reasons():
    (period,) = derive.periods_of(
        [change(D(2019, 7, 8), 1, event=10), change(D(2019, 7, 8), 1, obs=5)]
    )[1]
    assert period.state == derive.HELD
    assert period.controller_id == 1


def test_a_disputed_change_stays_disputed():
    (period,) = derive.periods_of([change(D(2019, 7, 8), 1, disputed=True)])[1]
    assert period.disputed


def test_a_week_precision_change_is_uncertain_until_its_window_ends():
    first, second = derive.periods_of(
        [
            change(D(2019, 7, 8), 1, end=D(2019, 7, 14)),
            change(D(2019, 7, 15), 2, end=D(2019, 7, 18)),
        ]
    )[1]
    assert first.uncertain_until == D(2019, 7, 14)
    assert second.uncertain_until == D(2019, 7, 18)
    assert first.precision == "week"


def test_uncertainty_never_runs_past_the_next_change():
    first, _ = derive.periods_of(
        [change(D(2019, 7, 8), 1, end=D(2019, 7, 31)), change(D(2019, 7, 15), 2)]
    )[1]
    assert first.uncertain_until == D(2019, 7, 14)


def test_places_are_independent():
    periods = derive.periods_of(
        [change(D(2019, 7, 8), 1, place=1), change(D(2019, 7, 9), 2, place=2)]
    )
    assert set(periods) == {1, 2}
    assert periods[2][0].controller_id == 2
