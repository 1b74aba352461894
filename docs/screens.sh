#!/bin/sh
# Every screenshot in docs/: each main screen at 1280x800, 1024x768 and a 480 px strip beside the POS, in English
# and Swedish, under Xvfb with a window manager (openbox), as a store's till shows them. Run from the repository.
set -e
python=${PYTHON:-.venv/bin/python}
for size in 1280x800 1024x768 480x800; do
    for language in en sv; do
        xvfb-run -a -s "-screen 0 ${size}x24" sh -c \
            "openbox >/dev/null 2>&1 & sleep 1; QT_QPA_PLATFORM=xcb $python docs/make_screenshots.py --language $language"
    done
done
