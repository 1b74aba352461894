#!/usr/bin/env bash
# Build the frozen folder (PyInstaller) and compile the Windows packages from it (NSIS .exe, MSI).
# On Linux this proves the scripts build; the real Windows folder comes from a Windows runner
# (.github/workflows/windows-packages.yml), because PyInstaller cannot cross-compile.
# Usage: installer/build-packages.sh [OUT_DIR]   (needs pyinstaller; makensis and wixl for the packages)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-build/installer}"
PY="${PYTHON:-.venv/bin/python}"
VERSION="$("$PY" -c 'import pos_engage; print(pos_engage.__version__)')"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"   # absolute: makensis resolves paths relative to the .nsi file
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" installer/pos-engage.spec
DIST="$OUT/dist/pos-engage"
if command -v makensis >/dev/null; then
  makensis -V2 -DDIST="$DIST" -DVERSION="$VERSION" -DOUTFILE="$OUT/pos-engage-$VERSION-setup.exe" installer/pos-engage.nsi
fi
if command -v wixl >/dev/null; then
  # wixl wants relative sources; the CLI executable is declared in pos-engage.wxs itself.
  CLI="pos-engage-cli"; [ -f "$DIST/pos-engage-cli.exe" ] && CLI="pos-engage-cli.exe"
  WXS="$PWD/installer/pos-engage.wxs"
  (cd "$OUT/dist" && find pos-engage -type f ! -path "pos-engage/$CLI" \
     | wixl-heat -p pos-engage/ --component-group AppFiles --directory-ref INSTALLDIR --var var.SourceDir --win64 \
     > ../files.wxs \
   && wixl --arch x64 -D SourceDir=pos-engage -D Win64=yes -D CliName="$CLI" -D Version="$VERSION" \
     -o "../pos-engage-$VERSION.msi" "$WXS" ../files.wxs)
fi
ls -la "$OUT"
