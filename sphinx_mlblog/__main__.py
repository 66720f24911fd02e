"""``python -m sphinx_mlblog`` runs the ``mlblog`` command."""

from .cli import main

main()
