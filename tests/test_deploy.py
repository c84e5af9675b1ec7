"""deploy/: the systemd units pass `systemd-analyze verify` (where systemd is installed) and keep the
hardening docs/deploy.md relies on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
SERVICES = ["nhiemvu-telegram.service", "nhiemvu-http.service", "nhiemvu-backup.service"]
UNITS = [*SERVICES, "nhiemvu-backup.timer"]
INSTALLED = "/opt/nhiemvu/.venv/bin/nhiemvu"


@pytest.mark.parametrize("name", SERVICES)
def test_services_are_hardened(name: str) -> None:
    text = (DEPLOY / name).read_text(encoding="utf-8")
    for line in (
        "User=nhiemvu",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/nhiemvu",
        "EnvironmentFile=/etc/nhiemvu/nhiemvu.env",
    ):
        assert line in text.splitlines(), (name, line)
    if name != "nhiemvu-backup.service":
        assert "Restart=on-failure" in text.splitlines()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_units_verify(tmp_path: Path) -> None:
    # The units name the installed program; point them at this checkout's so that verify can check it.
    program = Path(sys.executable).with_name("nhiemvu")
    if not program.exists():
        program = Path(shutil.which("true") or "/bin/true")
    for name in UNITS:
        text = (DEPLOY / name).read_text(encoding="utf-8").replace(INSTALLED, str(program))
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in UNITS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "nhiemvu" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr
