#!/bin/sh
# Every screenshot in docs/: each main screen at 1280x800, 1024x768 and a 480 px strip beside the POS, in English
# and Swedish, under Xvfb with a window manager (openbox), as a store's till shows them. Run from the repository.
set -e
python=${PYTHON:-.venv/bin/python}
display=77
for size in 1280x800 1024x768 480x800; do
    Xvfb :$display -screen 0 ${size}x24 >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=:$display openbox >/dev/null 2>&1 &
    wm=$!
    sleep 1
    for language in en sv; do
        DISPLAY=:$display QT_QPA_PLATFORM=xcb "$python" docs/make_screenshots.py --language $language
    done
    kill $wm $xvfb
    wait $wm $xvfb 2>/dev/null || true
    display=$((display + 1))
done
