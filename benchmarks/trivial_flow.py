"""The floor of any ``tiltak run``: a fresh Python process that configures Prefect like tiltak does and
runs a one-task flow on the embedded server. bench_noop.py times it."""
from __future__ import annotations

from pipeline.schedule.prefect_settings import configure

configure()

from prefect import flow, task  # noqa: E402


@task
def nothing(x: int) -> int:
    return x


@flow(name="trivial")
def trivial() -> int:
    return nothing(1)


if __name__ == "__main__":
    trivial()
