"""Before Qt loads its platform plugin: is there a display, and are the system libraries the window needs there?

Without this, a missing library ends the program with Qt's own abort (exit 134), which blames ``xcb-cursor0``
whatever is missing and also when there is no display at all, and a windowed start prints nothing. Here each
cause is named in plain words, with the Debian/Ubuntu package that brings the missing library, and the till
exits with code 2 (an expected failure, as for every other command) before Qt can abort.

Cheap on the normal path: one ``dlopen`` of the platform plugin Qt is about to load anyway; the library-by-library
scan runs only when that fails.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

EXIT_CANNOT_START = 2

# The libraries PySide6-Essentials' Qt needs on Linux, with the Debian/Ubuntu package of each (checked one by one
# in a minimal Debian 12 chroot: shared/toolchain.md). The order is the order IT reads them in.
LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libGL.so.1", "libgl1"),
    ("libEGL.so.1", "libegl1"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libfreetype.so.6", "libfreetype6"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libX11.so.6", "libx11-6"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb.so.1", "libxcb1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
)
# Platforms that draw nowhere a person looks, or on their own device: no X display needed.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "minimalegl", "vkkhrdisplay"})

Loader = Callable[[str], object]


def _dlopen(name: str) -> object:
    import ctypes

    return ctypes.CDLL(name)


def platform_of(env: Mapping[str, str]) -> str:
    """The platform plugin Qt will pick: QT_QPA_PLATFORM (its first choice), else wayland in a Wayland session
    that has no X server for XWayland, else xcb."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and not env.get("DISPLAY"):
        return "wayland"
    return "xcb"


def display_problem(env: Mapping[str, str]) -> str | None:
    """None when the display Qt will use is there; else what is wrong, in plain words."""
    platform = platform_of(env)
    if platform in HEADLESS_PLATFORMS or platform.startswith("wayland"):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return ("there is no display to show the till on (DISPLAY is not set). Start it from the desktop session, "
                "or for a headless check use QT_QPA_PLATFORM=offscreen")
    host, _, number = display.rpartition(":")
    number = number.split(".")[0]
    if host in ("", "unix") and number.isdigit():
        # A local X server listens on its socket; a display that is named but not running is Qt's other abort.
        path = f"/tmp/.X11-unix/X{number}"  # noqa: S108 - where X servers put their socket, read only
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                probe.settimeout(1.0)
                probe.connect(path)
        except OSError:
            return (f"the display {display} is not running (no X server answers at {path}). Start the desktop "
                    "session, or set DISPLAY to the one that runs")
    return None


def _plugin_path(platform: str) -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("PySide6")  # finds the package without importing Qt
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / f"libq{platform}.so"
    return plugin if plugin.exists() else None


def missing_libraries(platform: str, *, load: Loader = _dlopen) -> list[tuple[str, str]]:
    """The (library, package) pairs the platform plugin cannot load; [] when it loads."""
    plugin = _plugin_path(platform)
    if plugin is None:
        return []
    try:
        load(str(plugin))
        return []
    except OSError:
        pass
    missing = []
    for library, package in LIBRARIES:
        try:
            load(library)
        except OSError:
            missing.append((library, package))
    return missing


def libraries_problem(missing: list[tuple[str, str]]) -> str:
    names = ", ".join(library for library, _ in missing)
    packages = " ".join(package for _, package in missing)
    return (f"system libraries the window needs are missing: {names}. On Debian or Ubuntu: "
            f"sudo apt-get install {packages}")


def problems(env: Mapping[str, str] | None = None, *, system: str | None = None,
             load: Loader = _dlopen) -> list[str]:
    """Everything that would stop the window from opening, each in plain words; [] when it can open."""
    env = os.environ if env is None else env
    if (system or sys.platform) != "linux":
        return []  # Windows and macOS ship what Qt needs; their failures are Qt's own dialogs
    found = []
    display = display_problem(env)
    if display:
        found.append(display)
    missing = missing_libraries(platform_of(env), load=load)
    if missing:
        found.append(libraries_problem(missing))
    return found


def report(found: list[str]) -> int:
    """Print each problem on its own line (stderr) and return the exit code for "cannot start"."""
    for problem in found:
        print(f"pos-engage: cannot open the till window: {problem}", file=sys.stderr)
    return EXIT_CANNOT_START
