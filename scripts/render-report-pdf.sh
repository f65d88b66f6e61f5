#!/usr/bin/env bash
# Renders a monthly-report DOCX to PDF (LibreOffice, headless) and its pages to PNG (poppler's
# pdftoppm), to look at the layout. Starts no service. The CI does not run it.
#   scripts/render-report-pdf.sh test/artifacts/monthly-report-ganzhou-2022-07.docx [out-dir]
# Needs: apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk
# (or libreoffice-writer). Without 仿宋_GB2312/黑体/方正小标宋简体 installed, LibreOffice
# substitutes a CJK font: the layout is right, the faces are not the official ones.
set -euo pipefail

docx="${1:?usage: $0 <report.docx> [out-dir]}"
out="${2:-$(dirname "$docx")}"
[ -f "$docx" ] || { echo "no such file: $docx" >&2; exit 1; }
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk" >&2; exit 1; }
done
mkdir -p "$out"

# A private LibreOffice profile, so a desktop instance (or a parallel run) is not disturbed.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
soffice --headless --norestore "-env:UserInstallation=file://$profile" --convert-to pdf --outdir "$out" "$docx" >/dev/null

pdf="$out/$(basename "${docx%.*}").pdf"
pdftoppm -png -r 80 "$pdf" "${pdf%.pdf}"
echo "$pdf"
ls "${pdf%.pdf}"*.png
