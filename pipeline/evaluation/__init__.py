"""Measuring quality: the scorer's matching rules (``scoring``) and ``tiltak eval`` over an annotated corpus (``corpus``)."""
