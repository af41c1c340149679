"""``python -m toponyms``: the ``toponyms`` command (see ``toponyms.cli``)."""

from toponyms.cli import run

if __name__ == "__main__":
    run()
