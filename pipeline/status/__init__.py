"""Traffic lights: statuses set per measure lineage (``lights``) and imported from a spreadsheet (``spreadsheet``)."""
