"""Many runs: the aggregate does not depend on the number of processes."""

from __future__ import annotations

from respublika.simulate import SimParams, montecarlo, run_simulation
from respublika.simulate.run import SimulationConfig


def test_workers_do_not_change_the_result():
    config = SimulationConfig("seed", {}, SimParams(rate=12, crisis_rate=0.3), 5, 3)
    one = montecarlo.run_many(config, 3, workers=1)
    two = montecarlo.run_many(config, 3, workers=2)
    assert one == two
    agg = montecarlo.aggregate(config, two)
    assert agg["seeds"] == [5, 6, 7]
    single = run_simulation("seed", config.params, seed=6, years=3).timeline()
    assert two[1]["bills"] == single["bills"]
    assert agg["bills"]["years"] == [2000, 2001, 2002]
    means = agg["bills"]["introduced"]["mean"]
    assert len(means) == 3 and all(m > 0 for m in means)
    assert set(agg["seats"]) == {"mazhilis", "senate"}
