"""Shared test set-up: tests run against the artefacts shipped in the package."""
