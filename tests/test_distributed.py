"""The library API on a Dask cluster: picklable, side-effect free, same results as serial."""

from __future__ import annotations

import pickle
import shutil

import dask.bag as db
from dask.distributed import Client, LocalCluster

from conftest import SEEDS
from tqcheck import Settings, check_paths, check_text


def check_partition(paths, settings):
    """What a Dask bag or a Spark mapPartitions runs on each partition of file paths."""
    return [result.to_dict() for result in check_paths(list(paths), settings)]


def test_api_objects_pickle():
    settings = Settings(select=("TQ1",))
    assert pickle.loads(pickle.dumps(settings)) == settings
    result = check_text("the the end", "a.txt", settings)
    assert pickle.loads(pickle.dumps(result)).to_dict() == result.to_dict()


def test_dask_bag_on_a_local_cluster_matches_the_serial_run(tmp_path):
    for i in range(8):  # a small archive: copies of the seed plus a clean file
        shutil.copy(SEEDS / "000_ea917293e2d5b792.txt", tmp_path / f"a{i}.txt")
    (tmp_path / "clean.txt").write_text("A clean sentence.\n", encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.glob("*.txt"))
    settings = Settings()
    serial = check_partition(files, settings)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            bag = db.from_sequence(files, npartitions=3).map_partitions(check_partition, settings)
            distributed = bag.compute()
    assert distributed == serial
    assert sum(len(r["findings"]) for r in distributed) > 8 * 15
    assert [r["path"] for r in distributed] == files
