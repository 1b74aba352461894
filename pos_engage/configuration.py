"""Which configuration this till runs with: the files read, whether it is a demo, where its data lives.

Light on purpose: the window path reads its configuration before anything heavy (client, journal) is loaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from pos_engage.core import config as config_module
from pos_engage.core.config import Config
from pos_engage.core.errors import ConfigError
from pos_engage.core.paths import DataPaths, data_paths, machine_config_file, user_config_file


def load_config(path: str | None = None, env: dict[str, str] | None = None) -> Config:
    """--config PATH (or POS_ENGAGE_CONFIG) alone, else IT's machine-wide file then the user's override."""
    env = os.environ if env is None else env
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    files = [Path(explicit)] if explicit else [machine_config_file(), user_config_file()]
    if explicit and not Path(explicit).exists():
        raise ConfigError(f"the configuration file {explicit} does not exist")
    return config_module.load(files, env)


def is_demo(config: Config) -> bool:
    return not config.engage.base_url


def paths_for(config: Config) -> DataPaths:
    return data_paths(config.data_dir)
