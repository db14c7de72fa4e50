"""``python -m webapp …``: the command line (``maillage …``) of the checkout it is run from. The installed
``maillage`` script runs the copy that was installed, which from another checkout or a worktree is not this one."""

from webapp.console import run

run()
