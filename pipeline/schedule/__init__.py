"""Running on a schedule with Prefect: settings for an embedded or local Prefect (``prefect_settings``), a local Prefect
server (``server``) and ``tiltak serve`` (``serve``)."""
