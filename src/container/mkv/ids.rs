//! Matroska element IDs the reader uses.
#![allow(missing_docs)]

use super::ebml::Id;

pub const EBML: Id = 0x1A45_DFA3;
pub const EBML_VERSION: Id = 0x4286;
pub const EBML_READ_VERSION: Id = 0x42F7;
pub const DOC_TYPE: Id = 0x4282;
pub const DOC_TYPE_VERSION: Id = 0x4287;
pub const DOC_TYPE_READ_VERSION: Id = 0x4285;

pub const SEGMENT: Id = 0x1853_8067;
pub const SEEK_HEAD: Id = 0x114D_9B74;
pub const SEEK: Id = 0x4DBB;
pub const SEEK_ID: Id = 0x53AB;
pub const SEEK_POSITION: Id = 0x53AC;
pub const INFO: Id = 0x1549_A966;
pub const TRACKS: Id = 0x1654_AE6B;
pub const TAGS: Id = 0x1254_C367;
pub const CUES: Id = 0x1C53_BB6B;
pub const CHAPTERS: Id = 0x1043_A770;
pub const ATTACHMENTS: Id = 0x1941_A469;
pub const CLUSTER: Id = 0x1F43_B675;
pub const VOID: Id = 0xEC;
pub const CRC32: Id = 0xBF;

// Info
pub const TIMESTAMP_SCALE: Id = 0x2A_D7B1;
pub const DURATION: Id = 0x4489;
pub const DATE_UTC: Id = 0x4461;
pub const TITLE: Id = 0x7BA9;
pub const MUXING_APP: Id = 0x4D80;
pub const WRITING_APP: Id = 0x5741;
pub const SEGMENT_UID: Id = 0x73A4;

// Tracks
pub const TRACK_ENTRY: Id = 0xAE;
pub const TRACK_NUMBER: Id = 0xD7;
pub const TRACK_UID: Id = 0x73C5;
pub const TRACK_TYPE: Id = 0x83;
pub const FLAG_ENABLED: Id = 0xB9;
pub const FLAG_DEFAULT: Id = 0x88;
pub const FLAG_FORCED: Id = 0x55AA;
pub const FLAG_LACING: Id = 0x9C;
pub const DEFAULT_DURATION: Id = 0x23_E383;
pub const NAME: Id = 0x536E;
pub const LANGUAGE: Id = 0x22_B59C;
pub const LANGUAGE_BCP47: Id = 0x22_B59D;
pub const CODEC_ID: Id = 0x86;
pub const CODEC_PRIVATE: Id = 0x63A2;
pub const CODEC_NAME: Id = 0x25_8688;
pub const CODEC_DELAY: Id = 0x56AA;
pub const SEEK_PRE_ROLL: Id = 0x56BB;
pub const VIDEO: Id = 0xE0;
pub const AUDIO: Id = 0xE1;
pub const CONTENT_ENCODINGS: Id = 0x6D80;
pub const CONTENT_ENCODING: Id = 0x6240;
pub const CONTENT_COMPRESSION: Id = 0x5034;
pub const CONTENT_COMP_ALGO: Id = 0x4254;
pub const CONTENT_COMP_SETTINGS: Id = 0x4255;
pub const CONTENT_ENCRYPTION: Id = 0x5035;

// Video
pub const PIXEL_WIDTH: Id = 0xB0;
pub const PIXEL_HEIGHT: Id = 0xBA;
pub const PIXEL_CROP_BOTTOM: Id = 0x54AA;
pub const PIXEL_CROP_TOP: Id = 0x54BB;
pub const PIXEL_CROP_LEFT: Id = 0x54CC;
pub const PIXEL_CROP_RIGHT: Id = 0x54DD;
pub const DISPLAY_WIDTH: Id = 0x54B0;
pub const DISPLAY_HEIGHT: Id = 0x54BA;
pub const DISPLAY_UNIT: Id = 0x54B2;
pub const FLAG_INTERLACED: Id = 0x9A;
pub const FIELD_ORDER: Id = 0x9D;
pub const STEREO_MODE: Id = 0x53B8;
pub const COLOUR: Id = 0x55B0;

// Audio
pub const SAMPLING_FREQUENCY: Id = 0xB5;
pub const OUTPUT_SAMPLING_FREQUENCY: Id = 0x78B5;
pub const CHANNELS: Id = 0x9F;
pub const BIT_DEPTH: Id = 0x6264;

// Tags
pub const TAG: Id = 0x7373;
pub const TARGETS: Id = 0x63C0;
pub const TARGET_TYPE_VALUE: Id = 0x68CA;
pub const TAG_TRACK_UID: Id = 0x63C5;
pub const SIMPLE_TAG: Id = 0x67C8;
pub const TAG_NAME: Id = 0x45A3;
pub const TAG_STRING: Id = 0x4487;
pub const TAG_LANGUAGE: Id = 0x447A;

// Attachments
pub const ATTACHED_FILE: Id = 0x61A7;
pub const FILE_NAME: Id = 0x466E;
pub const FILE_MIME_TYPE: Id = 0x4660;

// Chapters
pub const EDITION_ENTRY: Id = 0x45B9;
pub const CHAPTER_ATOM: Id = 0xB6;
pub const CHAPTER_TIME_START: Id = 0x91;
pub const CHAPTER_TIME_END: Id = 0x92;
pub const CHAPTER_DISPLAY: Id = 0x80;
pub const CHAP_STRING: Id = 0x85;
pub const CHAP_LANGUAGE: Id = 0x437C;

// Clusters
pub const TIMESTAMP: Id = 0xE7;
pub const SIMPLE_BLOCK: Id = 0xA3;
pub const BLOCK_GROUP: Id = 0xA0;
pub const BLOCK: Id = 0xA1;
pub const BLOCK_DURATION: Id = 0x9B;

// More elements File_Mk reads.
pub const EBML_MAX_SIZE_LENGTH: Id = 0x42F3;
pub const CHAPTER_TRANSLATE: Id = 0x6924;
pub const SILENT_TRACKS: Id = 0x5854;
pub const BLOCK_ADDITIONS: Id = 0x75A1;
pub const BLOCK_MORE: Id = 0xA6;
pub const BLOCK_ADD_ID: Id = 0xEE;
pub const BLOCK_ADDITIONAL: Id = 0xA5;
pub const SLICES: Id = 0x8E;
pub const TIME_SLICE: Id = 0xE8;
pub const REFERENCE_FRAME: Id = 0xC8;
pub const TRACK_TRANSLATE: Id = 0x6624;
pub const TRACK_OPERATION: Id = 0xE2;
pub const TRACK_COMBINE_PLANES: Id = 0xE3;
pub const TRACK_PLANE: Id = 0xE4;
pub const TRACK_JOIN_BLOCKS: Id = 0xE9;
pub const BLOCK_ADDITION_MAPPING: Id = 0x41E4;
pub const OLD_STEREO_MODE: Id = 0x53B9;
pub const FRAME_RATE: Id = 0x2383E3;
pub const PROJECTION: Id = 0x7670;
pub const MASTERING_METADATA: Id = 0x55D0;
pub const COLOUR_MATRIX: Id = 0x55B1;
pub const COLOUR_RANGE: Id = 0x55B9;
pub const COLOUR_TRANSFER: Id = 0x55BA;
pub const COLOUR_PRIMARIES: Id = 0x55BB;
pub const COLOUR_MAX_CLL: Id = 0x55BC;
pub const COLOUR_MAX_FALL: Id = 0x55BD;
pub const CUE_POINT: Id = 0xBB;
pub const CUE_TRACK_POSITIONS: Id = 0xB7;
pub const CUE_REFERENCE: Id = 0xDB;
pub const FILE_DATA: Id = 0x465C;
pub const CHAPTER_TRACK: Id = 0x8F;
pub const CHAP_PROCESS: Id = 0x6944;
pub const CHAP_PROCESS_COMMAND: Id = 0x6911;
pub const CHAP_LANGUAGE_BCP47: Id = 0x437D;
