#!/usr/bin/env bash
# LogoDesk's 24 MP fit vs ImageMagick's, on this machine (make bench-image).
#
# Makes the same deterministic 24 MP test photo as the Go benchmarks (6000×4000, photo-like:
# sky, clouds, textured hills, buildings, grain; JPEG quality 92 and PNG), then for each:
#   LogoDesk:    imagefit.Fit to Zoho CRM's organization photo limits (1 MB, 10 MP), via a small Go program
#   ImageMagick: convert in -resize WxH! -define jpeg:extent=1048576B out.jpg   (W×H = LogoDesk's output size)
# (the byte budget is spelled out: ImageMagick reads "1MB" as less than Zoho's 1 MB = 1,048,576 bytes,
#  which would hand it a smaller budget and a lower quality than LogoDesk gets).
# Both are timed as whole processes (read, decode, resize, encode, write), best and median of RUNS.
# Quality: PSNR (dB) and SSIM (luma, 8×8 windows) of both outputs against two lossless references
# at the same size: ImageMagick's own -resize, and imaging's Lanczos (LogoDesk's filter).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
GO=${GO:-go}
for tool in convert identify; do
	command -v $tool >/dev/null || { echo "ImageMagick ($tool) is needed: apt-get install imagemagick" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$GO build -o "$work/benchfit" ./service/imagefit/internal/benchfit
bf="$work/benchfit"

now() { date +%s%N; }
# median and best of the numbers on stdin (seconds)
stats() { sort -n | awk '{a[NR]=$1} END {printf "%.3f %.3f\n", a[int((NR+1)/2)], a[1]}'; }

echo "machine: $(nproc) cores, $(convert -version | head -1 | cut -d' ' -f2-3), $($GO version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-11s %9s %9s %10s %8s %13s %13s\n' input tool median_s best_s bytes quality "PSNR/SSIM(IM)" "PSNR/SSIM(Go)"
for ext in jpg png; do
	in="$work/photo.$ext"
	"$bf" -gen "$in"
	# LogoDesk
	ld_times=()
	for ((i = 0; i < RUNS; i++)); do
		t0=$(now)
		read -r _ w h ld_q ld_bytes < <("$bf" -fit "$in" -out "$work/ld.jpg" -runs 1 2>/dev/null)
		t1=$(now)
		ld_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1e9}')")
	done
	read -r ld_med ld_best < <(printf '%s\n' "${ld_times[@]}" | stats)
	# ImageMagick, same output size
	im_times=()
	for ((i = 0; i < RUNS; i++)); do
		t0=$(now)
		convert "$in" -resize "${w}x${h}!" -define jpeg:extent=1048576B "$work/im.jpg"
		t1=$(now)
		im_times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1e9}')")
	done
	read -r im_med im_best < <(printf '%s\n' "${im_times[@]}" | stats)
	im_bytes=$(stat -c %s "$work/im.jpg")
	im_q=$(identify -format '%Q' "$work/im.jpg")
	# references
	convert "$in" -resize "${w}x${h}!" -type TrueColor "$work/ref_im.bmp"
	"$bf" -ref "$in" -w "$w" -h "$h" -out "$work/ref_go.bmp"
	q() { echo "$("$bf" -compare "$work/ref_im.bmp" "$1" | tr ' ' /) $("$bf" -compare "$work/ref_go.bmp" "$1" | tr ' ' /)"; }
	read -r ld_qi ld_qg < <(q "$work/ld.jpg")
	read -r im_qi im_qg < <(q "$work/im.jpg")
	printf '%-5s %-11s %9s %9s %10s %8s %13s %13s\n' "$ext" LogoDesk "$ld_med" "$ld_best" "$ld_bytes" "$ld_q" "$ld_qi" "$ld_qg"
	printf '%-5s %-11s %9s %9s %10s %8s %13s %13s\n' "$ext" ImageMagick "$im_med" "$im_best" "$im_bytes" "$im_q" "$im_qi" "$im_qg"
	awk -v a="$ld_med" -v b="$im_med" -v c="$ld_best" -v d="$im_best" -v e="$ext" -v w="$w" -v h="$h" \
		'BEGIN{printf "%-5s ratio LogoDesk/ImageMagick (24 MP → %d×%d, 1 MB): median %.2f, best %.2f\n", e, w, h, a/b, c/d}'
done
