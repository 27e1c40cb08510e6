"""Write a local-development .env (DJANGO_DEBUG=1, a fresh secret key) unless one exists.

    python3 scripts/write_dotenv.py [PATH]        (make install / make run; default .env)

Standard library only: it runs before the virtualenv exists. An existing file is never
touched, so a developer's own settings and key survive every `make`.
"""

import os
import secrets
import sys
from pathlib import Path

TEMPLATE = """\
# Local development settings, written once by `make` ({script}); git-ignored.
# Every `.venv/bin/python manage.py ...` command reads this file. Never deploy with it:
# production sets DJANGO_DEBUG=0 and its own DJANGO_SECRET_KEY in the environment.
DJANGO_DEBUG=1
DJANGO_SECRET_KEY={key}
"""


def dotenv_write(path: Path) -> bool:
    """Create ``path`` (mode 0600) with a new key; False when it already exists."""
    content = TEMPLATE.format(
        script="scripts/write_dotenv.py", key=secrets.token_urlsafe(50)
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(content)
    return True


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else ".env")
    if dotenv_write(path):
        sys.stdout.write(
            f"wrote {path} for local development (DJANGO_DEBUG=1, a new key)\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
