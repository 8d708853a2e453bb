"""Prefect flows of tiltak."""
