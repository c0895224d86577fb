#!/usr/bin/env bash
# Regenerates the media test files (all synthetic: a test pattern, a sine tone, an ImageMagick plasma fractal;
# made for this project, same licence as the project). Needs ffmpeg and ImageMagick (Debian packages).
set -euo pipefail
cd "$(dirname "$0")"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }
ff -f lavfi -i "sine=frequency=440:duration=3.5" -ar 16000 -ac 1 tone-3.5s.wav
ff -f lavfi -i "sine=frequency=440:duration=7.25" -ar 22050 -b:a 64k tone-7.25s.mp3
ff -f lavfi -i "sine=frequency=330:duration=5" -ar 16000 tone-5s.flac
ff -f lavfi -i "sine=frequency=550:duration=4" -ar 16000 -c:a libvorbis tone-4s.ogg
ff -f lavfi -i "testsrc=duration=2.5:size=320x240:rate=10" -f lavfi -i "sine=duration=2.5" -shortest \
   -c:v libx264 -pix_fmt yuv420p -c:a aac -movflags +faststart clip-2.5s.mp4
ff -f lavfi -i "testsrc=duration=3:size=320x240:rate=10" -c:v libvpx-vp9 -b:v 50k clip-3s.webm
# A phone-camera-sized photo (4032×3024) for the real-size UI test.
convert -seed 7 -size 4032x3024 plasma:fractal -attenuate 0.4 +noise Gaussian -quality 88 photo-4032x3024.jpg
