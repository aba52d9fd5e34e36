"""Every setting is declared once and documented in the README."""

import re
from pathlib import Path

from app import Settings
from settings import SETTINGS, env_value

REPO = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_in_the_readme_with_its_default():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `([A-Z_]+)` \| ([^|]*) \|", readme, re.M)}
    for setting in SETTINGS:
        assert setting.env in rows, f"{setting.env} is not in the README's settings table"
        if setting.default:
            assert setting.default in rows[setting.env], f"README gives another default for {setting.env}"


def test_code_reads_only_declared_settings():
    declared = {s.env for s in SETTINGS}
    pattern = re.compile(r"""(?:env_value|environ\.get|getenv)\(\s*["']((?:ATLAS|GUNICORN|WEB|HOST|PORT)[A-Z_]*)""")
    for path in REPO.glob("**/*.py"):
        if any(part in {".venv", "tests", "bench", "node_modules"} for part in path.relative_to(REPO).parts):
            continue
        for name in pattern.findall(path.read_text(encoding="utf-8")):
            assert name in declared, f"{path.relative_to(REPO)} reads undeclared setting {name}"


def test_settings_read_from_the_environment_with_declared_defaults():
    settings = Settings.from_env({"ATLAS_BASE_PATH": "atlas", "ATLAS_DEFAULT_LANG": "xx"})
    assert settings.base_path == "/atlas/" and settings.default_lang == "sv"
    assert str(settings.data_dir) == env_value("ATLAS_DATA_DIR", {}) == "data"
