"""Scale-out: the same flow with ``dask_address`` runs its file tasks on an existing Dask cluster
(a ``distributed.LocalCluster`` with two worker processes here) and lands the same measures."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_parallel import FILES, measures_of, small_corpus

distributed = pytest.importorskip("distributed")
pytest.importorskip("prefect_dask")


@pytest.mark.slow
def test_flow_on_a_dask_cluster_matches_one_worker(prefect_harness, tmp_path: Path):
    from flows.reprocess import reprocess

    raw = small_corpus(tmp_path / "raw")
    one = reprocess(raw=str(raw), out=str(tmp_path / "one"), workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                                  dashboard_address=None, silence_logs=40) as cluster:
        with distributed.Client(cluster) as client:
            summary = reprocess(raw=str(raw), out=str(tmp_path / "dask"), dask_address=cluster.scheduler_address)
            ran_on = client.run(lambda: __import__("sys").modules.get("pipeline.run.cache") is not None)
    assert summary.failed == 0 and summary.new == one.new == len(FILES)
    assert any(ran_on.values()), "the file tasks did not run on the Dask workers"
    assert measures_of(tmp_path / "dask") == measures_of(tmp_path / "one")
