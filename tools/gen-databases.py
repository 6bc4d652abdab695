#!/usr/bin/env python3
"""Extract the lookup tables MediaInfo's rules depend on from a MediaInfoLib checkout.

    tools/gen-databases.py /path/to/MediaInfoLib.git [TAG]

Writes src/report/db/*.tsv: codec IDs per container and stream kind (format, info, URL,
profile…), and the format table (long name, kind, info, extensions, media type, URL,
compression mode). Only facts (names, strings MediaInfo prints), never descriptions or code.
The tables are committed, so the build needs no MediaInfoLib.
"""
import subprocess, sys
from pathlib import Path

FILES = {
    "codecid_general_mpeg4.tsv": "CodecID_General_Mpeg4.csv",
    "codecid_video_mpeg4.tsv": "CodecID_Video_Mpeg4.csv",
    "codecid_audio_mpeg4.tsv": "CodecID_Audio_Mpeg4.csv",
    "codecid_text_mpeg4.tsv": "CodecID_Text_Mpeg4.csv",
    "codecid_other_mpeg4.tsv": "CodecID_Other_Mpeg4.csv",
    "codecid_video_matroska.tsv": "CodecID_Video_Matroska.csv",
    "codecid_audio_matroska.tsv": "CodecID_Audio_Matroska.csv",
    "codecid_text_matroska.tsv": "CodecID_Text_Matroska.csv",
    "codecid_video_riff.tsv": "CodecID_Video_Riff.csv",
    "codecid_audio_riff.tsv": "CodecID_Audio_Riff.csv",
    "format.tsv": "Format.csv",
    "library_vorbiscom.tsv": "Library_VorbisCom.csv",
    "library_divx.tsv": "Library_DivX.csv",
    "library_xvid.tsv": "Library_XviD.csv",
    "iso639_1.tsv": "Iso639_1.csv",
    "iso639_2.tsv": "Iso639_2.csv",
}

def main():
    repo, tag = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "v24.12")
    out = Path(__file__).resolve().parent.parent / "src" / "report" / "db"
    out.mkdir(parents=True, exist_ok=True)
    for dst, src in FILES.items():
        text = subprocess.run(["git", "-C", repo, "show", f"{tag}:Source/Resource/Text/DataBase/{src}"],
                              check=True, capture_output=True).stdout.decode("utf-8")
        rows = []
        for line in text.splitlines():
            if not line.strip() or line.startswith(";"):
                continue
            cols = line.split(";")
            rows.append("\t".join(c.replace("\t", " ") for c in cols).rstrip("\t"))
        (out / dst).write_text("\n".join(rows) + "\n")
        print(dst, len(rows))
    language_names(repo, tag, out)
    stream_options(repo, tag, out)

def language_names(repo, tag, out):
    """English language names MediaInfo prints (Language/String), from its language file."""
    text = subprocess.run(["git", "-C", repo, "show", f"{tag}:Source/Resource/Text/Language/DefaultLanguage.csv"],
                          check=True, capture_output=True).stdout.decode("utf-8")
    rows, labels = [], []
    for line in text.splitlines():
        if ";" not in line or line.startswith(" "):
            continue
        key, name = line.split(";", 1)
        if key.startswith("Language_"):
            rows.append(f"{key[len('Language_'):]}\t{name}")
        else:
            labels.append(f"{key}\t{name}")
    (out / "language_names.tsv").write_text("\n".join(rows) + "\n")
    (out / "labels.tsv").write_text("\n".join(labels) + "\n")
    print("language_names.tsv", len(rows), "labels.tsv", len(labels))

def stream_options(repo, tag, out):
    """Per stream kind and field: MediaInfo's option flags (show in text view, value type, show
    in XML/JSON), from Source/Resource/Text/Stream/<Kind>.csv. Names and flags only."""
    rows = []
    for kind in ("General", "Video", "Audio", "Text", "Other", "Image", "Menu"):
        text = subprocess.run(["git", "-C", repo, "show", f"{tag}:Source/Resource/Text/Stream/{kind}.csv"],
                              check=True, capture_output=True).stdout.decode("utf-8")
        for line in text.splitlines():
            cols = line.split(";")
            if len(cols) >= 4 and cols[0]:
                rows.append(f"{kind}\t{cols[0]}\t{cols[3]}")
    (out / "stream_options.tsv").write_text("\n".join(rows) + "\n")
    print("stream_options.tsv", len(rows))

if __name__ == "__main__":
    main()
