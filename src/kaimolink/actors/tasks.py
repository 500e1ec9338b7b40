"""Background work of the actors app, on the "imports" queue (settings.TASKS).

The import's steps take seconds to a minute for a large register, and a hostile file must
never hold a web worker: the upload and confirm requests only queue a step and answer
at once; `kaimolink worker` runs it. A task takes only ids and JSON values, so it can wait
in the database queue and survive a restart of the web processes.
"""

from django_tasks import task

from kaimolink.actors import importing


@task(queue_name="imports")
def actor_import_step(
    *, step: str, actor_import_id: int, by_id=None, skip_rejected=False, decisions=None
):
    """Run one step of an actor import (importing.import_run_step); never raises."""
    importing.import_run_step(
        step=step,
        actor_import_id=actor_import_id,
        by_id=by_id,
        skip_rejected=skip_rejected,
        decisions=decisions,
    )
