"""The ``soat`` command line. Start at :mod:`soat.cli.main`."""
