"""The Python Lambda function that `bootstrap` replaces, for benches/lambda-compare.py.

It does what the old function did: download the whole object from S3 to /tmp with boto3, then
answer pymediainfo's `MediaInfo.parse(path).to_data()`. Run on the Lambda Runtime Interface
Client as a Python runtime would run it: `python3 -m awslambdaric handler.handler`.

The S3 client is made once per process (at import, during the function's init phase), as
boto3 recommends. `AWS_ENDPOINT_URL_S3` (read by boto3 itself) and `S3_FORCE_PATH_STYLE=true`
point it at a local S3 server. The downloaded file is removed after the analysis so that
repeated invocations do not fill /tmp (Lambda's is 512 MB by default).
"""

import os
import tempfile

import boto3
from botocore.config import Config
from pymediainfo import MediaInfo

_path_style = os.environ.get("S3_FORCE_PATH_STYLE", "").lower() in ("1", "true", "yes", "on")
s3 = boto3.client(
    "s3", config=Config(s3={"addressing_style": "path"}) if _path_style else None
)


def handler(event, context):
    bucket = event.get("bucket") or os.environ["BUCKET_NAME"]
    key = event.get("key") or os.environ["S3_KEY"]
    fd, path = tempfile.mkstemp(
        prefix="media-", suffix=os.path.splitext(key)[1], dir=os.environ.get("TMPDIR", "/tmp")
    )
    os.close(fd)
    try:
        s3.download_file(bucket, key, path)
        return MediaInfo.parse(path).to_data()
    finally:
        os.remove(path)
